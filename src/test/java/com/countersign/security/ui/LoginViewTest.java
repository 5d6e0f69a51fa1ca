package com.countersign.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.KaribuTest;
import com.vaadin.flow.component.login.LoginForm;
import org.junit.jupiter.api.Test;

class LoginViewTest extends KaribuTest {

    @Test
    void the_login_form_posts_to_spring_security_and_shows_no_error_at_first() {
        navigate("login");

        LoginForm form = _get(LoginForm.class);
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(form.isError()).isFalse();
    }

    @Test
    void after_a_failed_sign_in_one_message_covers_every_cause() {
        navigate("login?error");

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(form.getI18n().getErrorMessage().getMessage())
                .isEqualTo("The username or password is not right, or the account is disabled.");
    }
}
