package com.countersign.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ui.ProformaEditorView;
import com.countersign.proforma.ui.ProformaListView;
import com.countersign.security.ui.LoginView;
import com.countersign.security.ui.UserAdminView;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.InternalServerError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NavigationTest extends KaribuTest {

    @ParameterizedTest(name = "{0} sees {2}")
    @CsvSource(delimiter = ';', value = {
        "staff; STAFF; Proformas,My requests,Paper form register",
        "reviewer; REVIEWER; Proformas,My requests,Review inbox,Deployments",
        "manager; MANAGER,REVIEWER; Proformas,My requests,Review inbox,Paper forms,Paper form register,Deployments,Editing lock,Recovery,User audit",
        "admin; ADMIN; Proformas,My requests,Deployments,Editing lock,Recovery,Risk policy,Users,User audit"})
    void each_role_sees_only_the_menu_entries_it_may_open(String user, String roles, String entries) {
        login(user, roles.split(","));

        navigate(ProformaListView.class);

        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList())
                .containsExactly(entries.split(","));
        assertThat(BasicUtilsKt.get_textRecursively(_get(MainLayout.class))).contains(user);
    }

    @Test
    void staff_opening_the_user_administration_are_refused() {
        login("staff", "STAFF");

        // Karibu's access-denied error view throws MockAccessDeniedException, but Vaadin 24.9's router
        // catches what an error view throws and shows InternalServerError; Karibu's lookups report it
        navigate("admin/users");

        assertThat(NavigatorKt.getCurrentView()).isEqualTo(InternalServerError.class);
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain()).noneMatch(UserAdminView.class::isInstance);
        assertThatThrownBy(() -> _find(Grid.class))
                .hasMessageContaining("root cause 'com.vaadin.flow.router.AccessDeniedException'");
    }

    @Test
    void an_admin_opens_the_user_administration() {
        login("admin", "ADMIN");

        navigate("admin/users");

        NavigatorKt.expectView(UserAdminView.class);
    }

    @Test
    void nobody_signed_in_is_sent_to_the_login_view() {
        navigate("proformas");
        NavigatorKt.expectView(LoginView.class);

        navigate("admin/users");
        NavigatorKt.expectView(LoginView.class);
        assertThat(_find(UserAdminView.class)).isEmpty();
    }

    @Test
    void a_link_to_a_proforma_that_does_not_exist_shows_a_friendly_page() {
        login("staff", "STAFF");

        navigate("proformas/999999999");

        NavigatorKt.expectView(NotFoundView.class);
        assertThat(BasicUtilsKt.get_textRecursively(_get(NotFoundView.class)))
                .contains("There is no proforma with id 999999999")
                .contains("Back to the proformas");
        assertThat(_find(ProformaEditorView.class)).isEmpty();
    }

    @Test
    void a_link_with_something_that_is_not_an_id_shows_a_friendly_page() {
        login("staff", "STAFF");

        for (String bad : List.of("abc", "-1", "12345678901234567890")) {
            navigate("proformas/" + bad);

            NavigatorKt.expectView(NotFoundView.class);
            assertThat(BasicUtilsKt.get_textRecursively(_get(NotFoundView.class))).contains("is not a proforma id");
        }
    }

    @Test
    void a_reviewer_cannot_open_the_new_proforma_form() {
        login("reviewer", "REVIEWER");

        navigate("proformas/new");

        NavigatorKt.expectView(NotFoundView.class);
        assertThat(BasicUtilsKt.get_textRecursively(_get(NotFoundView.class)))
                .contains("Only staff and managers can create proformas.");
    }
}
