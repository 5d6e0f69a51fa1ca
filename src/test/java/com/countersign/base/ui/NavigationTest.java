package com.countersign.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ui.ProformaEditorView;
import com.countersign.proforma.ui.ProformaListView;
import com.countersign.security.ui.LoginView;
import com.countersign.security.ui.UserAdminView;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationTrigger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NavigationTest extends KaribuTest {

    @ParameterizedTest(name = "{0} sees {2}")
    @CsvSource(delimiter = ';', value = {
        "staff; STAFF; Proformas,My requests,Paper form register",
        "reviewer; REVIEWER; Proformas,My requests,Review inbox,Deployments",
        "manager; MANAGER,REVIEWER; Proformas,My requests,Review inbox,Paper forms,Paper form register,Deployments,Editing lock,Recovery,User audit,Privilege requests",
        "admin; ADMIN; Proformas,My requests,Deployments,Editing lock,Recovery,Risk policy,Users,User audit,Privilege requests"})
    void each_role_sees_only_the_menu_entries_it_may_open(String user, String roles, String entries) {
        login(user, roles.split(","));

        navigate(ProformaListView.class);

        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList())
                .containsExactly(entries.split(","));
        assertThat(BasicUtilsKt.get_textRecursively(_get(MainLayout.class))).contains(user);
    }

    @Test
    void staff_opening_the_user_administration_see_the_products_own_page_and_no_list_of_routes() {
        login("staff", "STAFF");

        navigate("admin/users");

        NavigatorKt.expectView(PageDeniedView.class);
        assertThat(_find(UserAdminView.class)).isEmpty();
        String page = BasicUtilsKt.get_textRecursively(_get(PageDeniedView.class));
        assertThat(page).contains("Page not found").contains("Back to the proformas")
                .doesNotContain("recovery").doesNotContain("deployments").doesNotContain("risk-policy");
    }

    @Test
    void an_address_that_is_no_page_shows_the_products_own_page() {
        login("staff", "STAFF");

        // typed into the address bar: the server renders the page (UI.navigate to an address that is no
        // server route hands it to the client-side router instead)
        UI ui = UI.getCurrent();
        ui.getInternals().getRouter().navigate(ui, new Location("no/such/page"), NavigationTrigger.PAGE_LOAD);

        NavigatorKt.expectView(PageNotFoundView.class);
        assertThat(BasicUtilsKt.get_textRecursively(_get(PageNotFoundView.class)))
                .contains("There is no page at /no/such/page that your account can open.")
                .doesNotContain("admin/users");
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
