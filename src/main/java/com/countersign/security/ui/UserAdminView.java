package com.countersign.security.ui;

import com.countersign.security.PasswordPolicy;
import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.security.UserSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * ADMIN: who may sign in, with which roles; accounts locked by failed sign-ins, to unlock. What raises
 * privilege (REVIEWER, MANAGER, ADMIN, enabling such an account, a password reset) is asked here and
 * waits for another person in {@link PrivilegeRequestView}; the grid says what waits. Passwords are
 * never shown back.
 */
@Route("admin/users")
@PageTitle("Users · Countersign")
@RolesAllowed("ADMIN")
public class UserAdminView extends VerticalLayout {

    private static final DateTimeFormatter LOCK_END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    final Grid<UserSummary> grid = new Grid<>(UserSummary.class, false);
    final Button create = new Button("New user", VaadinIcon.PLUS.create());

    private final transient UserAdminService users;
    private final String me;
    private final String passwordHint;

    public UserAdminView(UserAdminService users, PasswordPolicy passwordPolicy, AuthenticationContext authentication) {
        this.users = users;
        this.passwordHint = passwordPolicy.hint();
        this.me = authentication.getPrincipalName().orElse("");
        setSizeFull();
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> new UserDialog(null, passwordHint, this::run, form -> {
            UserSummary created = users.create(form.username(), form.displayName(), form.roles(), form.password());
            return "Created " + created.username() + "." + waiting(created);
        }).open());
        grid.addColumn(UserSummary::username).setHeader("Username").setKey("username").setAutoWidth(true);
        grid.addColumn(UserSummary::displayName).setHeader("Name").setKey("name").setFlexGrow(1);
        grid.addColumn(u -> u.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles").setKey("roles").setAutoWidth(true);
        grid.addColumn(UserAdminView::status).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(u -> String.join("; ", u.waiting())).setHeader("Waiting for approval").setKey("waiting")
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setAutoWidth(true);
        grid.setSizeFull();
        Button requests = new Button("Privilege requests", VaadinIcon.USER_CHECK.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(PrivilegeRequestView.class)));
        add(new HorizontalLayout(new H2("Users"), create, requests), grid);
        refresh();
    }

    private HorizontalLayout actions(UserSummary user) {
        Button edit = new Button("Edit", e -> new UserDialog(user, passwordHint, this::run, form -> {
            return "Saved " + user.username() + "." + waiting(users.update(user.id(), form.displayName(), form.roles(), me));
        }).open());
        Button password = new Button("Reset password", e -> run(() -> {
            users.requestPasswordReset(user.id());
            return "A password reset of " + user.username() + " now waits for approval by another admin, who is shown "
                    + "the temporary password to hand over.";
        }));
        Button toggle = new Button(user.enabled() ? "Disable" : "Enable", e -> run(() -> {
            UserSummary saved = users.setEnabled(user.id(), !user.enabled(), me);
            return saved.enabled() == user.enabled()
                    ? "Enabling " + user.username() + " now waits for approval by another admin."
                    : (user.enabled() ? "Disabled " : "Enabled ") + user.username() + ".";
        }));
        Button unlock = new Button("Unlock", e -> run(() -> {
            users.unlock(user.id());
            return "Unlocked " + user.username() + ".";
        }));
        unlock.setVisible(user.locked());
        for (Button b : new Button[] {edit, password, toggle, unlock}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return new HorizontalLayout(edit, password, toggle, unlock);
    }

    private static String waiting(UserSummary user) {
        return user.waiting().isEmpty() ? ""
                : " Waiting for approval by another admin: " + String.join("; ", user.waiting()) + ".";
    }

    private static String status(UserSummary user) {
        String status = user.enabled() ? "active" : "disabled";
        return user.locked()
                ? status + ", locked until " + LOCK_END.format(user.lockedUntil().atZone(ZoneId.systemDefault()))
                : status;
    }

    /** Runs an admin action; a refusal is shown to the admin and changes nothing. */
    boolean run(java.util.function.Supplier<String> action) {
        try {
            String message = action.get();
            Notification.show(message, 4000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
            return true;
        } catch (IllegalArgumentException | IllegalStateException | com.countersign.base.NotFoundException
                | org.springframework.security.access.AccessDeniedException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
    }

    void refresh() {
        grid.setItems(users.list());
    }
}
