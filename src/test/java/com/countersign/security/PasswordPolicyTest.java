package com.countersign.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(12);

    @Test
    void a_password_shorter_than_the_minimum_is_refused_with_the_minimum_named() {
        assertThatThrownBy(() -> policy.check("eleven char", "sam"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A password needs at least 12 characters");
    }

    @Test
    void common_passwords_are_refused_whatever_their_case() {
        for (String common : new String[] {"password1234", "Qwertyuiop123", "ILOVEYOUILOVEYOU", "1q2w3e4r5t6y",
                "countersign123", "aaaaaaaaaaaaaaa"}) {
            assertThatThrownBy(() -> policy.check(common, "sam")).as(common)
                    .hasMessage("This password is one of the most common ones, which are tried first; choose another");
        }
    }

    @Test
    void the_username_is_no_password() {
        assertThatThrownBy(() -> policy.check("Sam.Staff.2026", "sam.staff.2026"))
                .hasMessage("A password cannot be the username");
    }

    @Test
    void more_than_bcrypt_reads_is_refused_rather_than_cut_silently() {
        assertThatThrownBy(() -> policy.check("ä".repeat(37), "sam")).hasMessageStartingWith("A password can have at most 72 bytes");
    }

    @Test
    void a_long_uncommon_phrase_and_the_documented_demo_passwords_pass() {
        assertThatCode(() -> policy.check("the invoice cat sleeps at noon", "sam")).doesNotThrowAnyException();
        for (String user : new String[] {"staff", "staff2", "reviewer", "manager", "admin"}) {
            assertThatCode(() -> policy.check(DemoUsers.passwordOf(user), user)).doesNotThrowAnyException();
        }
    }
}
