package com.countersign.security.ui;

import static com.countersign.support.Ui.notificationTexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.security.PasswordChange;
import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

class ChangePasswordViewTest extends KaribuTest {

    @Autowired
    UserAdminService users;

    @Autowired
    com.countersign.support.SecondPerson secondPerson;

    @Test
    void someone_signed_in_with_a_reset_password_is_sent_to_choose_a_new_one_from_anywhere() {
        String username = "gate-" + UUID.randomUUID().toString().substring(0, 8);
        login("admin", "ADMIN");
        long id = users.create(username, "Gate Person", EnumSet.of(Role.STAFF), "my own first secret").id();
        users.requestPasswordReset(id);
        secondPerson.approveAllFor(username);
        var authorities = List.of(new SimpleGrantedAuthority(PasswordChange.REQUIRED));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new User(username, "n/a", authorities), null, authorities));

        navigate("proformas");
        NavigatorKt.expectView(ChangePasswordView.class);

        ChangePasswordView view = _get(ChangePasswordView.class);
        _setValue(view.current, "not the one");
        _setValue(view.chosen, "my own second secret");
        _setValue(view.repeat, "my own second secret");
        _click(view.save);
        assertThat(notificationTexts()).containsExactly("The current password is not right");
    }
}
