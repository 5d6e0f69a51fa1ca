package com.countersign.security;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An external database starts with no users. The first ADMIN comes from the environment
 * (COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD), only while no active ADMIN exists; once one does,
 * the variable is ignored and can be removed.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String username;
    private final String password;
    private final PasswordPolicy passwordPolicy;
    private final UserAuditLog audit;

    AdminBootstrap(UserAccountRepository users, PasswordEncoder passwordEncoder, Clock clock, PasswordPolicy passwordPolicy,
            UserAuditLog audit,
            @Value("${countersign.bootstrap.admin-username:admin}") String username,
            @Value("${countersign.bootstrap.admin-password:}") String password) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.username = username;
        this.password = password;
        this.passwordPolicy = passwordPolicy;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        boolean hasAdmin = users.findAll().stream().anyMatch(u -> u.enabled() && u.roles().contains(Role.ADMIN));
        if (hasAdmin) {
            return;
        }
        if (password.isBlank()) {
            log.warn("No active ADMIN user exists. Set COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD ({}) "
                    + "and restart to create one.", passwordPolicy.hint().toLowerCase(Locale.ROOT));
            return;
        }
        String name = UserAdminService.normalizeUsername(username);
        try {
            passwordPolicy.check(password, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD: " + e.getMessage(), e);
        }
        UserAccount admin = users.findByUsername(name).orElseGet(() -> UserAccount.create(name, "Administrator",
                passwordEncoder.encode(password), clock.instant()));
        // the one grant of ADMIN without a second person: there is nobody yet who could approve it
        admin.grant(EnumSet.of(Role.ADMIN), clock.instant(), "bootstrap", null);
        admin.setEnabled(true);
        admin.changePasswordHash(passwordEncoder.encode(password));
        users.save(admin);
        audit.record(UserAuditEntry.Action.CREATE, "bootstrap", name,
                "ADMIN from COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD, without a second person (no one else could approve); roles "
                        + admin.roles());
        log.info("Created the first ADMIN user '{}' from COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD, directly: the one "
                + "grant of ADMIN that needs no second person, since nobody else could approve it", name);
    }
}
