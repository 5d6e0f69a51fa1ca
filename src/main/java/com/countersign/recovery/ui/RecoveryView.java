package com.countersign.recovery.ui;

import com.countersign.base.FieldLabels;
import com.countersign.approval.ApprovalService;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.ChangeSetSummary;
import com.countersign.base.EditingLockedException;
import com.countersign.base.WriteGate;
import com.countersign.base.ui.MainLayout;
import com.countersign.proforma.ProformaFilter;
import com.countersign.recovery.ChangeSummary;
import com.countersign.recovery.ChangedRows;
import com.countersign.recovery.PointInTimeRestore;
import com.countersign.recovery.RecoveryService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a manager recovers: recent change sets (undo one) and big transactions from history, what
 * changed in a period, and a point-in-time restore. Every restore goes through approval.
 */
@Route("recovery")
@PageTitle("Recovery · Countersign")
@RolesAllowed({"MANAGER", "ADMIN"})
public class RecoveryView extends VerticalLayout {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    static final ZoneId ZONE = ZoneId.systemDefault();

    final Grid<ChangeSetSummary> changeSets = new Grid<>(ChangeSetSummary.class, false);
    final Button undo = new Button("Undo selected change set");
    final Grid<ChangedRows> transactions = new Grid<>(ChangedRows.class, false);
    final DateTimePicker from = new DateTimePicker("From");
    final DateTimePicker to = new DateTimePicker("To");
    final Button summarise = new Button("What changed");
    final Grid<ChangeSummary.Count> perField = counts("Field");
    final Grid<ChangeSummary.Count> perActor = counts("Actor");
    final Grid<ChangeSummary.Count> perChangeSet = counts("Change set");
    final DateTimePicker at = new DateTimePicker("Restore to the state at");
    final TextField customerPrefix = new TextField("Only customers starting with");
    final Checkbox cancelCreatedAfter = new Checkbox("Cancel proformas created after that time");
    final Button previewRestore = new Button("Preview restore");
    final RestorePanel restore;
    final UntracedChanges untraced;

    private final transient RecoveryService recovery;
    private Registration lockWatch;

    public RecoveryView(RecoveryService recovery, ApprovalService approvals, WriteGate writeGate) {
        this.recovery = recovery;
        this.restore = new RestorePanel(approvals, recovery, writeGate);
        this.untraced = new UntracedChanges(recovery, (draft, again) -> {
            restore.show(draft, again);
            restore.scrollIntoView();
        });
        changeSets.addColumn(ChangeSetSummary::id).setHeader("#").setAutoWidth(true);
        changeSets.addColumn(ChangeSetSummary::kind).setHeader("Kind").setAutoWidth(true);
        changeSets.addColumn(c -> c.status().label()).setHeader("Status").setAutoWidth(true);
        changeSets.addColumn(c -> WHEN.format(c.createdAt())).setHeader("Created").setAutoWidth(true);
        changeSets.addColumn(ChangeSetSummary::requestedBy).setHeader("By").setAutoWidth(true);
        changeSets.addColumn(ChangeSetSummary::proformaCount).setHeader("Proformas").setAutoWidth(true);
        changeSets.addColumn(ChangeSetSummary::selection).setHeader("What").setFlexGrow(1);
        changeSets.addColumn(ChangeSetSummary::reason).setHeader("Reason").setFlexGrow(1);
        changeSets.addThemeVariants(GridVariant.LUMO_COMPACT);
        changeSets.setHeight("260px");
        changeSets.addSelectionListener(e -> undo.setEnabled(e.getFirstSelectedItem()
                .filter(c -> c.status() == ChangeSetStatus.APPLIED).isPresent()));
        undo.setEnabled(false);
        undo.addClickListener(e -> changeSets.asSingleSelect().getOptionalValue().ifPresent(this::previewUndo));

        transactions.addColumn(t -> WHEN.format(t.at())).setHeader("When").setAutoWidth(true);
        transactions.addColumn(ChangedRows::actor).setHeader("Actor").setAutoWidth(true);
        transactions.addColumn(t -> t.changeSetId() == null ? "none" : t.changeSetId().toString())
                .setHeader("Change set").setAutoWidth(true);
        transactions.addColumn(ChangedRows::proformas).setHeader("Proformas").setAutoWidth(true);
        transactions.addColumn(ChangedRows::lines).setHeader("Line versions").setAutoWidth(true);
        transactions.addColumn(ChangedRows::reason).setHeader("Reason").setFlexGrow(1);
        transactions.addThemeVariants(GridVariant.LUMO_COMPACT);
        transactions.setHeight("220px");

        LocalDateTime now = LocalDateTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES);
        from.setValue(now.minusDays(1));
        to.setValue(now.plusMinutes(1));
        summarise.addClickListener(e -> summarise());
        at.setValue(now.minusHours(1));
        previewRestore.addClickListener(e -> previewPointInTime());

        add(new H2("Recovery"), untraced,
                new H3("Recent change sets"), changeSets, undo,
                new H3("Transactions that touched many proformas (last 7 days)"), transactions,
                new H3("What changed between"), bar(from, to, summarise), countsSideBySide(),
                new H3("Point-in-time restore"), bar(at, customerPrefix, cancelCreatedAfter, previewRestore),
                restore);
        add(com.vaadin.flow.server.VaadinService.getCurrent().getInstantiator().createComponent(LoopBreakerSection.class));
        restore.submit.addClickListener(e -> submit());
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        lockWatch = MainLayout.onWriteGateChange(event.getUI(), restore::update);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (lockWatch != null) {
            lockWatch.remove();
        }
        super.onDetach(event);
    }

    void refresh() {
        changeSets.setItems(recovery.recentChangeSets(200));
        transactions.setItems(recovery.largeTransactions(Instant.now().minus(7, ChronoUnit.DAYS), 2, 100));
    }

    private void previewUndo(ChangeSetSummary changeSet) {
        attempt(() -> {
            restore.show(recovery.previewUndo(changeSet.id(), java.util.Map.of()),
                    choices -> recovery.previewUndo(changeSet.id(), choices));
            return null;
        });
    }

    private void previewPointInTime() {
        attempt(() -> {
            PointInTimeRestore request = new PointInTimeRestore(at.getValue().atZone(ZONE).toInstant(),
                    new ProformaFilter(null, customerPrefix.getValue(), Set.of(), null, null),
                    cancelCreatedAfter.getValue());
            restore.show(recovery.previewPointInTime(request, java.util.Map.of()),
                    choices -> recovery.previewPointInTime(request, choices));
            return null;
        });
    }

    private void summarise() {
        attempt(() -> {
            ChangeSummary summary = recovery.changesBetween(from.getValue().atZone(ZONE).toInstant(),
                    to.getValue().atZone(ZONE).toInstant());
            perField.setItems(summary.perField());
            perActor.setItems(summary.perActor());
            perChangeSet.setItems(summary.perChangeSet());
            return null;
        });
    }

    private void submit() {
        attempt(() -> {
            ChangeSetSummary submitted = recovery.submit(restore.draft().changeSet().id(), restore.reason.getValue());
            Notification.show("Change set " + submitted.id() + " is waiting for review")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            restore.setVisible(false);
            refresh();
            return null;
        });
    }

    static void attempt(Supplier<Void> action) {
        try {
            action.get();
        } catch (IllegalArgumentException | IllegalStateException | EditingLockedException e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static HorizontalLayout bar(com.vaadin.flow.component.Component... components) {
        HorizontalLayout bar = new HorizontalLayout(components);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        return bar;
    }

    /** The three count grids share the width (in a plain row they shrank to a couple of pixels). */
    private HorizontalLayout countsSideBySide() {
        HorizontalLayout row = new HorizontalLayout(perField, perActor, perChangeSet);
        row.setWidthFull();
        for (Grid<ChangeSummary.Count> grid : List.of(perField, perActor, perChangeSet)) {
            grid.setMinWidth("14rem");
            row.setFlexGrow(1, grid);
        }
        return row;
    }

    private static Grid<ChangeSummary.Count> counts(String header) {
        Grid<ChangeSummary.Count> grid = new Grid<>(ChangeSummary.Count.class, false);
        grid.addColumn(c -> header.equals("Field") ? FieldLabels.of(c.key()) : c.key()).setHeader(header).setFlexGrow(1);
        grid.addColumn(ChangeSummary.Count::count).setHeader("Versions").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setHeight("200px");
        return grid;
    }
}
