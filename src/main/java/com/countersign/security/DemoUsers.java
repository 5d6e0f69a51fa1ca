package com.countersign.security;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One demo user per role, for the embedded demo mode only (the demo seeder decides). Their
 * passwords are in the README; they are no secret, which is why they never exist in production. Their
 * roles are the documented exception to "nobody alone": granted directly, and old enough to approve.
 */
@Component
public class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    DemoUsers(UserAccountRepository users, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Transactional
    public void ensurePresent() {
        add("staff", "Sam Staff", EnumSet.of(Role.STAFF));
        add("staff2", "Sue Staff", EnumSet.of(Role.STAFF));
        add("reviewer", "Rita Reviewer", EnumSet.of(Role.REVIEWER));
        add("manager", "Max Manager", EnumSet.of(Role.MANAGER, Role.REVIEWER));
        // a second manager: a high-tier change (and a restore) requested by one manager needs another
        add("manager2", "Mia Manager", EnumSet.of(Role.MANAGER, Role.REVIEWER));
        add("admin", "Ada Admin", EnumSet.of(Role.ADMIN));
    }

    public static String passwordOf(String username) {
        return username + "-demo-pass";
    }

    private void add(String username, String displayName, Set<Role> roles) {
        if (users.existsByUsername(username)) {
            return;
        }
        UserAccount user = UserAccount.create(username, displayName, passwordEncoder.encode(passwordOf(username)),
                clock.instant());
        // granted directly and dated "long ago" (null): the demo's approvers approve at once, no cooling-off
        user.grant(roles, null, "demo", null);
        users.save(user);
        log.info("Demo user {} / {} ({}), roles granted directly without a second person: demo only", username,
                passwordOf(username), roles);
    }
}
