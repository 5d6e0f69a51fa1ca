package com.countersign.base.ui;

import com.countersign.base.BannerNotice;
import com.countersign.base.WriteBlock;
import com.countersign.base.WriteGate;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.List;
import java.util.Optional;

/**
 * The shell around every signed-in view. The menu lists only the views the signed-in person may
 * open; the views themselves check again on the server. While editing is locked a banner above
 * every view says why and since when; it is read from the database on each navigation and on a
 * short poll, so a lock set on another node shows up here too. Below it, the same way, the notices
 * features give the signed-in person ({@link BannerNotice}: a tripped loop breaker for managers).
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    static final int BANNER_POLL_MILLIS = 15_000;

    final Div banner = new Div();
    final Div notices = new Div();
    private final VerticalLayout page = new VerticalLayout(banner, notices);
    private final transient AuthenticationContext authentication;
    private final AccessAnnotationChecker access;
    private final transient WriteGate writeGate;
    private final transient List<BannerNotice> bannerNotices;
    private Registration pollRegistration;
    private Optional<WriteBlock> shown = Optional.empty();

    public MainLayout(AuthenticationContext authentication, AccessAnnotationChecker access, List<MenuEntry> entries,
            WriteGate writeGate, List<BannerNotice> bannerNotices) {
        this.authentication = authentication;
        this.access = access;
        this.writeGate = writeGate;
        this.bannerNotices = bannerNotices;
        banner.addClassName("cs-lock-banner");
        banner.getElement().setAttribute("role", "alert");
        banner.getStyle().set("background", "var(--lumo-error-color)").set("color", "var(--lumo-error-contrast-color)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "100%")
                .set("box-sizing", "border-box").set("font-weight", "600");
        banner.setVisible(false);
        notices.addClassName("cs-notice-banner");
        notices.getElement().setAttribute("role", "status");
        notices.getStyle().set("background", "var(--lumo-warning-color, #ffc66d)")
                .set("color", "var(--lumo-warning-contrast-color, #000)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "100%")
                .set("box-sizing", "border-box").set("font-weight", "600");
        notices.setVisible(false);
        page.setPadding(false);
        page.setSpacing(false);
        page.setSizeFull();
        setContent(page);
        H1 title = new H1("Countersign");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        addToNavbar(new DrawerToggle(), title, userBox());
        addToDrawer(menu(entries));
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        page.getChildren().filter(child -> child != banner && child != notices).toList().forEach(page::remove);
        if (content != null) {
            Component view = content.getElement().getComponent()
                    .orElseThrow(() -> new IllegalArgumentException("A view must be a component"));
            page.add(view);
            page.setFlexGrow(1, view);
        }
        refreshLockBanner();
    }

    /** Shows or hides the banner from the lock state in the database. */
    public void refreshLockBanner() {
        Optional<WriteBlock> block = writeGate.blocked();
        banner.setText(block.map(WriteBlock::message).orElse(""));
        banner.setVisible(block.isPresent());
        if (!block.equals(shown)) {
            shown = block;
            getUI().ifPresent(ui -> ComponentUtil.fireEvent(ui, new WriteGateChanged(ui)));
        }
        refreshNotices();
    }

    /** Notices of other features for the signed-in person (a tripped loop breaker for managers), one per line. */
    private void refreshNotices() {
        notices.removeAll();
        bannerNotices.stream().map(BannerNotice::current).flatMap(Optional::stream)
                .forEach(text -> notices.add(new Div(text)));
        notices.setVisible(notices.getComponentCount() > 0);
    }

    /**
     * Lets an open view follow a lock set or lifted elsewhere (another node, another person) as soon
     * as the layout notices it, e.g. to disable its save button.
     */
    public static Registration onWriteGateChange(UI ui, Runnable listener) {
        return ComponentUtil.addListener(ui, WriteGateChanged.class, e -> listener.run());
    }

    static class WriteGateChanged extends ComponentEvent<UI> {
        WriteGateChanged(UI ui) {
            super(ui, false);
        }
    }

    /** After a view changed the lock, so the person sees the banner follow at once. */
    public static void refreshBanner() {
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getInternals().getActiveRouterTargetsChain().stream()
                    .filter(MainLayout.class::isInstance)
                    .forEach(layout -> ((MainLayout) layout).refreshLockBanner());
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        if (ui.getPollInterval() < 0) {
            ui.setPollInterval(BANNER_POLL_MILLIS);
        }
        pollRegistration = ui.addPollListener(e -> refreshLockBanner());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (pollRegistration != null) {
            pollRegistration.remove();
            pollRegistration = null;
        }
        super.onDetach(event);
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
