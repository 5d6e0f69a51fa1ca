package com.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.security.UserAuditEntry.Action;
import com.countersign.support.CountersignTest;
import com.countersign.support.SecondPerson;
import com.countersign.support.Users;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A password an ADMIN sets is good for one sign-in, which has to choose a new one. */
@CountersignTest
class PasswordChangeTest {

    @Autowired
    UserAdminService users;

    @Autowired
    PasswordChange passwordChange;

    @Autowired
    DatabaseUserDetailsService userDetails;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    UserAuditService audit;

    @Autowired
    SecondPerson secondPerson;

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void after_a_reset_the_person_holds_no_role_until_they_choose_their_own_password() {
        String username = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        Users.actAs("admin", "ADMIN");
        long id = users.create(username, "Reset Person", EnumSet.of(Role.REVIEWER), "my own first secret").id();
        users.requestPasswordReset(id);
        assertThat(encoder.matches("my own first secret", userDetails.loadUserByUsername(username).getPassword()))
                .as("asked, not yet approved: nothing changed").isTrue();
        String temporary = secondPerson.approveAllFor(username);
        assertThat(temporary).isNotNull().hasSizeGreaterThanOrEqualTo(12);

        UserDetails signedIn = userDetails.loadUserByUsername(username);
        assertThat(signedIn.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly(PasswordChange.REQUIRED);

        Users.actAs(username, "n/a");
        assertThatThrownBy(() -> passwordChange.change("not the one", "my own second secret"))
                .hasMessage("The current password is not right");
        assertThatThrownBy(() -> passwordChange.change(temporary, "qwerty123456"))
                .hasMessage("This password is one of the most common ones, which are tried first; choose another");
        assertThatThrownBy(() -> passwordChange.change(temporary, temporary))
                .hasMessage("Choose a password different from the current one");
        passwordChange.change(temporary, "my own second secret");

        UserDetails after = userDetails.loadUserByUsername(username);
        assertThat(after.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_REVIEWER");
        assertThat(encoder.matches(temporary, after.getPassword())).isFalse();
        assertThat(encoder.matches("my own second secret", after.getPassword())).isTrue();
        Users.actAs("admin", "ADMIN");
        assertThat(audit.find(new UserAuditEntry.Filter(Action.PASSWORD_CHANGE, username, null, null), 0, 10))
                .singleElement().satisfies(line -> {
                    assertThat(line.actor()).isEqualTo(username);
                    assertThat(line.detail()).isEqualTo("replaced a reset password");
                });
    }

    @Test
    void nobody_signed_in_changes_a_password() {
        assertThatThrownBy(() -> passwordChange.change("x", "y"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void an_admin_who_must_change_their_password_cannot_use_the_user_service_yet() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", "n/a",
                List.of(new SimpleGrantedAuthority(PasswordChange.REQUIRED))));

        assertThatThrownBy(() -> users.list()).isInstanceOf(AccessDeniedException.class);
    }
}
