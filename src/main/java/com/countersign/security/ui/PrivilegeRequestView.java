package com.countersign.security.ui;

import com.countersign.security.PrivilegeRequest;
import com.countersign.security.PrivilegeRequests;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * What an ADMIN asked that raises someone's privilege, waiting for a second person: another ADMIN
 * (a MANAGER while no other ADMIN is active) approves or rejects it with a comment; the asker may
 * take it back. Each row says whether the signed-in person may decide it, and why not.
 */
@Route("admin/privilege-requests")
@PageTitle("Privilege requests · Countersign")
@RolesAllowed({"ADMIN", "MANAGER"})
public class PrivilegeRequestView extends VerticalLayout {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    final Grid<PrivilegeRequest> pending = new Grid<>(PrivilegeRequest.class, false);
    final Grid<PrivilegeRequest> decided = new Grid<>(PrivilegeRequest.class, false);

    private final transient PrivilegeRequests requests;
    private final String me;
    private final ZoneId zone = ZoneId.systemDefault();

    public PrivilegeRequestView(PrivilegeRequests requests, AuthenticationContext authentication) {
        this.requests = requests;
        this.me = authentication.getPrincipalName().orElse("");
        setSizeFull();
        pending.addColumn(r -> at(r.requestedAt())).setHeader("Asked").setKey("asked").setAutoWidth(true);
        pending.addColumn(PrivilegeRequest::describe).setHeader("What").setKey("what").setFlexGrow(1);
        pending.addColumn(PrivilegeRequest::requestedBy).setHeader("Asked by").setKey("requestedBy").setAutoWidth(true);
        pending.addColumn(r -> requests.whyNotMe(r).orElse("You may decide")).setHeader("You").setKey("you")
                .setFlexGrow(1);
        pending.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setAutoWidth(true);
        decided.addColumn(r -> at(r.decidedAt())).setHeader("Decided").setKey("decided").setAutoWidth(true);
        decided.addColumn(PrivilegeRequest::describe).setHeader("What").setKey("what").setFlexGrow(1);
        decided.addColumn(r -> r.status().name()).setHeader("Outcome").setKey("status").setAutoWidth(true);
        decided.addColumn(r -> r.requestedBy() + " → " + r.decidedBy()).setHeader("Asked by → decided by")
                .setKey("people").setAutoWidth(true);
        decided.addColumn(r -> r.comment() == null ? "" : r.comment()).setHeader("Comment").setKey("comment")
                .setFlexGrow(1);
        add(new H2("Privilege requests"),
                new Paragraph("Granting REVIEWER, MANAGER or ADMIN, enabling an account that holds one, and resetting "
                        + "a password happen only once a second person approves: another ADMIN, or a MANAGER while no "
                        + "other ADMIN is active. Nobody decides what they asked or what is about themselves."),
                pending, new H3("Recently decided"), decided);
        refresh();
    }

    private HorizontalLayout actions(PrivilegeRequest request) {
        boolean mayDecide = requests.whyNotMe(request).isEmpty();
        Button approve = new Button("Approve", e -> decide(request, true));
        Button reject = new Button("Reject", e -> decide(request, false));
        Button cancel = new Button("Cancel request", e -> run(() -> {
            requests.cancel(request.id());
            return "Cancelled: " + request.describe() + ".";
        }));
        approve.setEnabled(mayDecide);
        reject.setEnabled(mayDecide);
        cancel.setVisible(request.requestedBy().equals(me));
        for (Button b : new Button[] {approve, reject, cancel}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return new HorizontalLayout(approve, reject, cancel);
    }

    private void decide(PrivilegeRequest request, boolean approve) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle((approve ? "Approve: " : "Reject: ") + request.describe());
        TextArea comment = new TextArea(approve ? "Comment (optional)" : "Why is it rejected?");
        comment.setWidthFull();
        dialog.add(new Paragraph("Asked by " + request.requestedBy() + " on " + at(request.requestedAt()) + "."), comment);
        Button confirm = new Button(approve ? "Approve" : "Reject", e -> {
            boolean done = run(() -> {
                if (!approve) {
                    requests.reject(request.id(), comment.getValue());
                    return "Rejected: " + request.describe() + ".";
                }
                PrivilegeRequests.Approved approved = requests.approve(request.id(), comment.getValue());
                if (approved.temporaryPassword() != null) {
                    showOnce(request, approved.temporaryPassword());
                }
                return "Approved: " + request.describe() + ".";
            });
            if (done) {
                dialog.close();
            }
        });
        confirm.addThemeVariants(approve ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    /** The temporary password, shown to the approver this once; it is stored nowhere in clear. */
    private void showOnce(PrivilegeRequest request, String temporaryPassword) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Temporary password of " + request.username());
        TextField password = new TextField("Temporary password");
        password.setValue(temporaryPassword);
        password.setReadOnly(true);
        password.setWidthFull();
        dialog.add(new Paragraph("Hand it to " + request.username() + " in person. It works for one sign-in, which "
                + "must choose a new password. It is not shown again."), password);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
    }

    boolean run(Supplier<String> action) {
        try {
            String message = action.get();
            Notification.show(message, 4000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
            return true;
        } catch (IllegalArgumentException | IllegalStateException | AccessDeniedException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            refresh();
            return false;
        }
    }

    private void refresh() {
        pending.setItems(requests.pending());
        decided.setItems(requests.recentlyDecided());
    }

    private String at(Instant instant) {
        return instant == null ? "" : AT.format(instant.atZone(zone));
    }
}
