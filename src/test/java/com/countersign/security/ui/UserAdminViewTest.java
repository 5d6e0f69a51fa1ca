package com.countersign.security.ui;

import static com.countersign.support.Ui.button;
import static com.countersign.support.Ui.notificationTexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.security.UserSummary;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.PrettyPrintTreeKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class UserAdminViewTest extends KaribuTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    UserAdminService users;

    @Autowired
    AuthenticationConfiguration authenticationConfiguration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    com.countersign.support.SecondPerson secondPerson;

    @BeforeEach
    void signInAsAdmin() {
        login("admin", "ADMIN");
        navigate(UserAdminView.class);
    }

    @Test
    void an_admin_creates_a_user_whose_privileged_role_waits_for_a_second_person() {
        String username = uniqueUsername();

        createInDialog(username, PASSWORD, Role.STAFF, Role.REVIEWER);

        assertThat(notificationTexts()).containsExactly(
                "Created " + username + ". Waiting for approval by another admin: grant REVIEWER.");
        assertThat(GridKt._getFormatted(grid(), rowOf(username), "roles")).isEqualTo("STAFF");
        assertThat(GridKt._getFormatted(grid(), rowOf(username), "waiting")).isEqualTo("grant REVIEWER");
        assertThat(authenticate(username, PASSWORD).getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_STAFF");

        secondPerson.approveAllFor(username);

        assertThat(authenticate(username, PASSWORD).getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_STAFF", "ROLE_REVIEWER");
    }

    @Test
    void a_too_short_password_is_refused_with_a_message_and_nobody_is_created() {
        String username = uniqueUsername();

        createInDialog(username, "short", Role.STAFF);

        assertThat(notificationTexts()).containsExactly("A password needs at least 12 characters");
        assertThat(_find(UserDialog.class)).hasSize(1);
        assertThat(users.list()).extracting(UserSummary::username).doesNotContain(username);
        assertThatThrownBy(() -> authenticate(username, "short")).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void an_admin_cannot_disable_their_own_account() {
        _click(action("admin", "Disable"));

        assertThat(notificationTexts()).containsExactly("You cannot disable your own account");
        assertThat(users.list()).filteredOn(u -> u.username().equals("admin")).singleElement()
                .extracting(UserSummary::enabled).isEqualTo(true);
        assertThat(authenticate("admin", "admin-demo-pass").isAuthenticated()).isTrue();
    }

    @Test
    void a_disabled_user_cannot_sign_in_until_enabled_again() {
        String username = existingUser();

        _click(action(username, "Disable"));

        assertThat(notificationTexts()).containsExactly("Disabled " + username + ".");
        assertThat(GridKt._getFormatted(grid(), rowOf(username), "status")).isEqualTo("disabled");
        assertThatThrownBy(() -> authenticate(username, PASSWORD)).isInstanceOf(DisabledException.class);

        _click(action(username, "Enable"));

        assertThat(authenticate(username, PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void a_password_reset_waits_for_a_second_person_who_alone_learns_the_temporary_password() {
        String username = existingUser();

        _click(action(username, "Reset password"));

        assertThat(notificationTexts()).containsExactly("A password reset of " + username + " now waits for approval "
                + "by another admin, who is shown the temporary password to hand over.");
        assertThat(GridKt._getFormatted(grid(), rowOf(username), "waiting")).isEqualTo("reset the password");
        assertThat(authenticate(username, PASSWORD).isAuthenticated()).isTrue();

        String temporary = secondPerson.approveAllFor(username);

        assertThatThrownBy(() -> authenticate(username, PASSWORD)).isInstanceOf(BadCredentialsException.class);
        assertThat(authenticate(username, temporary).getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("PASSWORD_CHANGE_REQUIRED");
    }

    @Test
    void enabling_a_disabled_reviewer_waits_for_a_second_person_and_disabling_is_at_once() {
        String username = existingUser();
        UserSummary user = users.list().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
        users.update(user.id(), user.displayName(), Set.of(Role.STAFF, Role.REVIEWER), "admin");
        secondPerson.approveAllFor(username);
        navigate("proformas");
        navigate(UserAdminView.class);

        _click(action(username, "Disable"));
        assertThat(notificationTexts()).containsExactly("Disabled " + username + ".");
        _click(action(username, "Enable"));

        assertThat(notificationTexts()).contains("Enabling " + username + " now waits for approval by another admin.");
        assertThatThrownBy(() -> authenticate(username, PASSWORD)).isInstanceOf(DisabledException.class);
        secondPerson.approveAllFor(username);
        assertThat(authenticate(username, PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void the_password_hash_is_never_shown() {
        String username = existingUser();
        String hash = jdbc.sql("select password_hash from app_user where username = :u").param("u", username)
                .query(String.class).single();
        _click(action(username, "Edit"));
        MockVaadin.clientRoundtrip(); // attaches the opened dialog to the UI

        String screen = PrettyPrintTreeKt.toPrettyTree(UI.getCurrent());
        List<String> gridText = IntStream.range(0, GridKt._size(grid()))
                .mapToObj(i -> String.join(" ", GridKt._getFormattedRow(grid(), i))).toList();

        assertThat(screen).contains(username).doesNotContain(hash).doesNotContain("$2a$");
        assertThat(gridText).isNotEmpty().noneMatch(row -> row.contains(hash) || row.contains("$2a$"));
        assertThat(UserSummary.class.getRecordComponents()).extracting(c -> c.getName())
                .doesNotContain("password", "passwordHash");
    }

    @Test
    void only_admins_may_use_the_user_service() {
        assertThatThrownBy(() -> asSomeoneElse("staff", "STAFF", users::list)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asSomeoneElse("manager", "MANAGER",
                () -> users.create(uniqueUsername(), "Nobody", Set.of(Role.ADMIN), PASSWORD)))
                .isInstanceOf(AccessDeniedException.class);
    }

    private void createInDialog(String username, String password, Role... roles) {
        _click(button("New user"));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Username")), username);
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), "Test " + username);
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> roleBoxes = _get(CheckboxGroup.class, spec -> spec.withLabel("Roles"));
        _setValue(roleBoxes, Set.of(roles));
        _setValue(_get(PasswordField.class, spec -> spec.withLabel("Initial password")), password);
        _click(_get(UserDialog.class).save);
    }

    /** A user made through the service, then shown in a freshly opened admin view. */
    private String existingUser() {
        String username = uniqueUsername();
        users.create(username, "Test " + username, Set.of(Role.STAFF), PASSWORD);
        navigate("proformas");
        navigate(UserAdminView.class);
        return username;
    }

    private Authentication authenticate(String username, String password) {
        try {
            AuthenticationManager manager = authenticationConfiguration.getAuthenticationManager();
            return manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Button action(String username, String text) {
        var actions = GridKt._getCellComponent(grid(), rowOf(username), "actions");
        return _get(actions, Button.class, spec -> spec.withText(text));
    }

    private int rowOf(String username) {
        return IntStream.range(0, GridKt._size(grid()))
                .filter(i -> GridKt._get(grid(), i).username().equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError(username + " is not in the list"));
    }

    private static com.vaadin.flow.component.grid.Grid<UserSummary> grid() {
        return _get(UserAdminView.class).grid;
    }

    private static String uniqueUsername() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
