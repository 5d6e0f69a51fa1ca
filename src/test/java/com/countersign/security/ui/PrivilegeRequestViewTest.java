package com.countersign.security.ui;

import static com.countersign.support.Ui.notificationTexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.security.PrivilegeRequest;
import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.security.UserSummary;
import com.countersign.support.KaribuTest;
import com.countersign.support.SecondPerson;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.GrantedAuthority;

class PrivilegeRequestViewTest extends KaribuTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired UserAdminService users;
    @Autowired SecondPerson secondPerson;
    @Autowired AuthenticationConfiguration authenticationConfiguration;

    String username;

    @BeforeEach
    void an_admin_asks_for_a_reviewer() {
        secondPerson.ensureAdmin2();
        username = "asked-" + UUID.randomUUID().toString().substring(0, 8);
        login("admin", "ADMIN");
        users.create(username, "Asked " + username, Set.of(Role.STAFF, Role.REVIEWER), PASSWORD);
    }

    @Test
    void the_asker_sees_why_they_cannot_decide_and_another_admin_approves_with_a_comment() {
        PrivilegeRequestView view = navigate(PrivilegeRequestView.class);
        int row = rowOf(view, username);
        assertThat(GridKt._getFormatted(view.pending, row, "you")).contains("admin asked for privilege request")
                .contains("cannot decide on it");
        assertThat(action(view, row, "Approve").isEnabled()).isFalse();
        assertThat(action(view, row, "Cancel request").isVisible()).isTrue();

        login(SecondPerson.ADMIN2, "ADMIN");
        navigate(UserAdminView.class); // a fresh view for the next person, as a new session would have
        PrivilegeRequestView approver = navigate(PrivilegeRequestView.class);
        int approverRow = rowOf(approver, username);
        assertThat(GridKt._getFormatted(approver.pending, approverRow, "you")).isEqualTo("You may decide");
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(
                GridKt._getCellComponent(approver.pending, approverRow, "actions"), Button.class,
                spec -> spec.withText("Cancel request"))).as("only the asker takes it back").isEmpty();
        _click(action(approver, approverRow, "Approve"));
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextArea.class), "known colleague");
        _click(_get(dialog, Button.class, spec -> spec.withText("Approve")));

        assertThat(notificationTexts()).containsExactly("Approved: grant REVIEWER to " + username + ".");
        assertThat(IntStream.range(0, GridKt._size(approver.pending)).mapToObj(i -> GridKt._get(approver.pending, i)))
                .noneMatch(r -> r.username().equals(username));
        assertThat(GridKt._getFormatted(approver.decided, 0, "comment")).isEqualTo("known colleague");
        login("admin", "ADMIN");
        assertThat(users.list()).filteredOn(u -> u.username().equals(username)).singleElement()
                .extracting(UserSummary::roles).isEqualTo(Set.of(Role.STAFF, Role.REVIEWER));
    }

    @Test
    void the_approver_of_a_reset_is_shown_the_temporary_password_once_and_it_signs_in_only_to_change_it() throws Exception {
        long id = users.list().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow().id();
        users.requestPasswordReset(id);

        login(SecondPerson.ADMIN2, "ADMIN");
        PrivilegeRequestView view = navigate(PrivilegeRequestView.class);
        int row = IntStream.range(0, GridKt._size(view.pending))
                .filter(i -> GridKt._get(view.pending, i).kind() == PrivilegeRequest.Kind.RESET_PASSWORD
                        && GridKt._get(view.pending, i).username().equals(username))
                .findFirst().orElseThrow();
        _click(action(view, row, "Approve"));
        _click(_get(_get(Dialog.class), Button.class, spec -> spec.withText("Approve")));

        String temporary = _get(TextField.class, spec -> spec.withLabel("Temporary password")).getValue();
        assertThat(temporary).hasSize(20);
        var signedIn = authenticationConfiguration.getAuthenticationManager()
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, temporary));
        assertThat(signedIn.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("PASSWORD_CHANGE_REQUIRED");
    }

    @Test
    void a_rejection_needs_a_reason() {
        login(SecondPerson.ADMIN2, "ADMIN");
        PrivilegeRequestView view = navigate(PrivilegeRequestView.class);
        _click(action(view, rowOf(view, username), "Reject"));
        _click(_get(_get(Dialog.class), Button.class, spec -> spec.withText("Reject")));

        assertThat(notificationTexts()).containsExactly("Say why the request is rejected");
        assertThat(GridKt._getFormatted(view.pending, rowOf(view, username), "what"))
                .isEqualTo("grant REVIEWER to " + username);
    }

    private static Button action(PrivilegeRequestView view, int row, String text) {
        return _get(GridKt._getCellComponent(view.pending, row, "actions"), Button.class, spec -> spec.withText(text));
    }

    private static int rowOf(PrivilegeRequestView view, String username) {
        return IntStream.range(0, GridKt._size(view.pending))
                .filter(i -> GridKt._get(view.pending, i).username().equals(username)
                        && GridKt._get(view.pending, i).kind() == PrivilegeRequest.Kind.GRANT_ROLES)
                .findFirst().orElseThrow(() -> new AssertionError(username + " is not pending"));
    }
}
