package com.countersign.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.List;

/**
 * The shell around every signed-in view. The menu lists only the views the signed-in person may
 * open; the views themselves check again on the server.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    private final transient AuthenticationContext authentication;
    private final AccessAnnotationChecker access;

    public MainLayout(AuthenticationContext authentication, AccessAnnotationChecker access, List<MenuEntry> entries) {
        this.authentication = authentication;
        this.access = access;
        H1 title = new H1("Countersign");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        addToNavbar(new DrawerToggle(), title, userBox());
        addToDrawer(menu(entries));
        setPrimarySection(Section.DRAWER);
    }

    private SideNav menu(List<MenuEntry> entries) {
        SideNav nav = new SideNav();
        entries.stream()
                .sorted(java.util.Comparator.comparingInt(MenuEntry::order))
                .filter(entry -> access.hasAccess(entry.view()))
                .forEach(entry -> nav.addItem(new SideNavItem(entry.title(), entry.view(), entry.icon().create())));
        return nav;
    }

    private HorizontalLayout userBox() {
        HorizontalLayout box = new HorizontalLayout();
        box.setAlignItems(FlexComponent.Alignment.CENTER);
        box.getStyle().set("margin-left", "auto").set("padding-right", "var(--lumo-space-m)");
        authentication.getPrincipalName().ifPresent(name -> {
            Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            box.add(new Span(name), logout);
        });
        return box;
    }
}
