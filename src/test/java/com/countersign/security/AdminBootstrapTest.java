package com.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

@CountersignTest
@Transactional
class AdminBootstrapTest {

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    Clock clock;

    @Autowired
    PasswordPolicy passwordPolicy;

    @Autowired
    UserAuditLog audit;

    @Test
    void without_any_active_admin_the_bootstrap_password_creates_one_that_can_sign_in() {
        users.findAll().stream().filter(u -> u.roles().contains(Role.ADMIN)).forEach(u -> {
            u.setEnabled(false);
            users.save(u);
        });

        new AdminBootstrap(users, passwordEncoder, clock, passwordPolicy, audit, "root-admin", "a-long-enough-secret").run(null);

        UserAccount admin = users.findByUsername("root-admin").orElseThrow();
        assertThat(admin.enabled()).isTrue();
        assertThat(admin.roles()).contains(Role.ADMIN);
        assertThat(passwordEncoder.matches("a-long-enough-secret", admin.passwordHash())).isTrue();
    }

    @Test
    void while_an_admin_exists_the_bootstrap_changes_nothing() {
        long before = users.count();
        new AdminBootstrap(users, passwordEncoder, clock, passwordPolicy, audit, "root-admin", "a-long-enough-secret").run(null);
        assertThat(users.count()).isEqualTo(before);
        assertThat(users.findByUsername("root-admin")).isEmpty();
    }
}
