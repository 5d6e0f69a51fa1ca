package com.countersign.approval.ui;

import com.countersign.base.ui.SignedInRounds;
import com.countersign.approval.ApprovalService;
import com.countersign.approval.ChangeSetSummary;
import com.countersign.approval.ReviewTask;
import com.countersign.base.NotFoundException;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Decisions waiting for me or my groups, never on my own requests. Buttons only guide: the service
 * checks roles and four-eyes again.
 */
@Route("approvals/inbox")
@PageTitle("Review inbox · Countersign")
@RolesAllowed({"REVIEWER", "MANAGER"})
public class ReviewInboxView extends VerticalLayout {

    final Grid<ReviewTask> inbox = new Grid<>(ReviewTask.class, false);
    final Paragraph detail = new Paragraph();
    final PreviewGrid diff;
    final TextArea comment = new TextArea("Comment (required to reject)");
    final Button claim = new Button("Claim");
    final Button unclaim = new Button("Give back");
    final Button approve = new Button("Approve");
    final Button reject = new Button("Reject");
    final VerticalLayout decision;

    private final transient ApprovalService approvals;
    private final String me;
    private transient ScheduledExecutorService poller;

    /** How often an open inbox looks for new, claimed and decided requests. */
    static final int CATCH_UP_SECONDS = 10;

    public ReviewInboxView(ApprovalService approvals, AuthenticationContext authentication) {
        this.approvals = approvals;
        this.me = authentication.getPrincipalName().orElse("");
        this.diff = new PreviewGrid(approvals);
        setSizeFull();
        inbox.addColumn(t -> t.changeSet().id()).setHeader("Change set").setAutoWidth(true);
        inbox.addColumn(t -> t.changeSet().requestedBy()).setHeader("Requested by").setAutoWidth(true);
        inbox.addColumn(t -> t.changeSet().operation() == null ? t.changeSet().kind() : t.changeSet().operation().label())
                .setHeader("What").setAutoWidth(true);
        inbox.addColumn(t -> t.changeSet().proformaCount()).setHeader("Proformas").setAutoWidth(true);
        inbox.addColumn(t -> t.changeSet().riskTier() == null ? "" : t.changeSet().riskTier().label()).setHeader("Approval").setAutoWidth(true);
        inbox.addColumn(t -> t.isSecondApproval() ? "Second approval" : "Review").setHeader("Step").setAutoWidth(true);
        inbox.addColumn(t -> t.assignee() == null ? "—" : t.assignee()).setHeader("Claimed by").setAutoWidth(true);
        inbox.setHeight("240px");
        inbox.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        claim.addClickListener(e -> act(() -> approvals.claim(selected().taskId()), "Claimed."));
        unclaim.addClickListener(e -> act(() -> approvals.unclaim(selected().taskId()), "Given back."));
        approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
        approve.addClickListener(e -> act(() -> approvals.approve(selected().taskId(), comment.getValue()), "Approved."));
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        reject.addClickListener(e -> reject());
        comment.setWidthFull();
        decision = new VerticalLayout(detail, diff, comment, new HorizontalLayout(claim, unclaim, approve, reject));
        decision.setPadding(false);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(new HorizontalLayout(new H2("Review inbox"), refresh), inbox, decision);
        // the view is full height: without this the decision panel squeezes the grid to one row
        setFlexShrink(0, inbox);
        refresh();
    }

    void refresh() {
        inbox.setItems(approvals.inbox());
        show(null);
    }

    /**
     * Shows the inbox as it is now without losing what the reviewer is reading: the selected request
     * stays selected; if it left the inbox (someone else decided or claimed it), the reviewer is told.
     */
    void catchUp(List<ReviewTask> latest) {
        List<ReviewTask> shown = inbox.getGenericDataView().getItems().toList();
        if (shown.equals(latest)) {
            return;
        }
        ReviewTask selected = selected();
        inbox.setItems(latest);
        if (selected == null) {
            return;
        }
        latest.stream().filter(t -> t.taskId().equals(selected.taskId())).findFirst().ifPresentOrElse(
                still -> {
                    inbox.select(still);
                    claim.setVisible(still.assignee() == null);
                    unclaim.setVisible(me.equals(still.assignee()));
                },
                () -> {
                    show(null);
                    Notification.show("Change set " + selected.changeSet().id() + " is no longer in your inbox: someone "
                            + "else decided or claimed it.", 6000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
                });
    }

    /** New requests appear by themselves (Application has @Push): every few seconds, read off the UI thread. */
    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        poller = SignedInRounds.every(CATCH_UP_SECONDS, "review-inbox-catch-up", auth, () -> {
            List<ReviewTask> latest = approvals.inbox();
            ui.access(() -> catchUp(latest));
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void show(ReviewTask task) {
        decision.setVisible(task != null);
        if (task == null) {
            return;
        }
        ChangeSetSummary c = task.changeSet();
        detail.setText("Change set " + c.id() + " by " + c.requestedBy() + ": " + c.reason() + ". "
                + c.proformaCount() + " proformas, " + c.lineCount() + " lines (" + c.selection() + "). Approval: "
                + (c.riskTier() == null ? "" : c.riskTier().label()) + (c.riskReasons().isEmpty() ? "" : ": " + String.join("; ", c.riskReasons())));
        diff.show(c.id());
        comment.clear();
        claim.setVisible(task.assignee() == null);
        unclaim.setVisible(me.equals(task.assignee()));
    }

    private void reject() {
        if (comment.getValue().isBlank()) {
            comment.setInvalid(true);
            comment.setErrorMessage("Say why the change set is rejected");
            return;
        }
        act(() -> approvals.reject(selected().taskId(), comment.getValue()), "Rejected.");
    }

    private ReviewTask selected() {
        return inbox.asSingleSelect().getValue();
    }

    private void act(Runnable action, String done) {
        if (selected() == null) {
            return;
        }
        try {
            action.run();
            Notification.show(done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (RuntimeException e) {
            if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof NotFoundException || e instanceof org.springframework.security.access.AccessDeniedException)) {
                throw e;
            }
            Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }
}
