package com.countersign.approval.ui;

import com.countersign.base.ui.SignedInRounds;
import com.countersign.approval.ApprovalService;
import com.countersign.approval.ChangeSetDetail;
import com.countersign.approval.ChangeSetSummary;
import com.countersign.approval.Notification;
import com.countersign.approval.TimelineEntry;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.base.WriteGate;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The change sets I asked for: where each one stands, what happened to it, and what I was told. */
@Route("approvals/mine")
@PageTitle("My requests · Countersign")
@PermitAll
public class MyRequestsView extends VerticalLayout {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    final Grid<Notification> notifications = new Grid<>(Notification.class, false);
    final Grid<ChangeSetSummary> requests = new Grid<>(ChangeSetSummary.class, false);
    final Grid<TimelineEntry> timeline = new Grid<>(TimelineEntry.class, false);
    final Paragraph detail = new Paragraph();

    private final transient ApprovalService approvals;
    private final transient WriteGate writeGate;
    private transient ScheduledExecutorService progress;
    private volatile boolean applying;
    private boolean editingLocked;

    public MyRequestsView(ApprovalService approvals, WriteGate writeGate) {
        this.approvals = approvals;
        this.writeGate = writeGate;
        setSizeFull();
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        notifications.addColumn(n -> WHEN.format(n.createdAt())).setHeader("When").setAutoWidth(true);
        notifications.addColumn(Notification::message).setHeader("Message").setFlexGrow(1);
        notifications.setAllRowsVisible(true);
        requests.addColumn(ChangeSetSummary::id).setHeader("Change set").setAutoWidth(true);
        requests.addColumn(c -> WHEN.format(c.createdAt())).setHeader("Created").setAutoWidth(true);
        requests.addColumn(c -> c.operation() == null ? c.kind() : c.operation().label()).setHeader("What")
                .setAutoWidth(true);
        requests.addColumn(ChangeSetSummary::selection).setHeader("Which").setFlexGrow(1);
        requests.addColumn(ChangeSetSummary::proformaCount).setHeader("Proformas").setAutoWidth(true);
        requests.addColumn(this::statusText).setHeader("Status").setKey("status").setAutoWidth(true);
        requests.addColumn(c -> c.riskTier() == null ? "" : c.riskTier().label()).setHeader("Approval").setAutoWidth(true);
        requests.asSingleSelect().addValueChangeListener(e -> showDetail(e.getValue()));
        timeline.addColumn(t -> WHEN.format(t.at())).setHeader("When").setAutoWidth(true);
        timeline.addColumn(TimelineEntry::actor).setHeader("Who").setAutoWidth(true);
        timeline.addColumn(TimelineEntry::what).setHeader("What").setFlexGrow(1);
        timeline.setAllRowsVisible(true);
        add(new HorizontalLayout(new H2("My requests"), refresh), new H3("Messages"), notifications, requests,
                detail, timeline);
        refresh();
    }

    void refresh() {
        notifications.setItems(approvals.myNotifications().stream().limit(5).toList());
        List<ChangeSetSummary> mine = approvals.myRequests();
        showRequests(mine, editingLocked(mine));
        showDetail(null);
    }

    /** Asked only when one of mine is approved and not applied yet: then it may be waiting for the unlock. */
    private boolean editingLocked(List<ChangeSetSummary> mine) {
        return mine.stream().anyMatch(c -> c.status() == ChangeSetStatus.APPROVED) && writeGate.blocked().isPresent();
    }

    private void showRequests(List<ChangeSetSummary> mine, boolean locked) {
        editingLocked = locked;
        requests.setItems(mine);
        applying = mine.stream().anyMatch(c -> c.status() == ChangeSetStatus.APPROVED || c.status() == ChangeSetStatus.APPLYING);
    }

    /** While a change set of mine is being applied, the server pushes its outcome (Application has @Push). */
    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        progress = SignedInRounds.every(2, "my-requests-progress", auth, () -> pushProgress(ui));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (progress != null) {
            progress.shutdownNow();
        }
    }

    private void pushProgress(UI ui) {
        if (!applying) {
            return;
        }
        List<ChangeSetSummary> mine = approvals.myRequests();
        List<Notification> messages = approvals.myNotifications().stream().limit(5).toList();
        boolean locked = editingLocked(mine);
        ui.access(() -> {
            showRequests(mine, locked);
            notifications.setItems(messages);
        });
    }

    /** An approved change set is applied at once, unless editing is locked: then it waits for the unlock. */
    String statusText(ChangeSetSummary changeSet) {
        if (changeSet.status() != ChangeSetStatus.APPROVED) {
            return changeSet.status().label();
        }
        return editingLocked ? "Approved, waiting for editing to be unlocked" : "Approved, being applied…";
    }

    private void showDetail(ChangeSetSummary selected) {
        detail.setVisible(selected != null);
        timeline.setVisible(selected != null);
        if (selected == null) {
            return;
        }
        ChangeSetDetail shown = approvals.detail(selected.id());
        ChangeSetSummary s = shown.summary();
        detail.setText("Change set " + s.id() + " is " + statusText(s) + ". Reason: " + s.reason()
                + (s.failureReason() == null ? "" : ". Not applied: " + s.failureReason())
                + (s.riskReasons().isEmpty() ? "" : ". Risk: " + String.join("; ", s.riskReasons())));
        timeline.setItems(shown.timeline());
    }
}
