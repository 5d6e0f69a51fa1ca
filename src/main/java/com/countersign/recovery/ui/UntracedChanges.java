package com.countersign.recovery.ui;

import com.countersign.base.FieldLabels;
import com.countersign.recovery.IntegrityReport;
import com.countersign.recovery.IntegrityReport.Difference;
import com.countersign.recovery.IntegrityReport.StructureChange;
import com.countersign.recovery.IntegrityReport.UntracedChange;
import com.countersign.recovery.RecoveryDraft;
import com.countersign.recovery.RecoveryService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The Recovery view's answer to "was anything written past history?": the newest integrity check
 * (each live proforma and line against its latest history image), the proformas it found changed
 * without a trace with what history last recorded beside what they are now, a check on demand, and
 * the way back: their last recorded state as a RESTORE change set through approval. Below, the DDL
 * audit: who changed Countersign's tables, triggers or functions.
 */
class UntracedChanges extends VerticalLayout {

    final Paragraph status = new Paragraph();
    final Button checkNow = new Button("Check now");
    final Grid<UntracedChange> findings = new Grid<>(UntracedChange.class, false);
    final Grid<Difference> differences = new Grid<>(Difference.class, false);
    final Button restoreAll = new Button("Restore their last recorded state");
    final Paragraph structureStatus = new Paragraph();
    final Grid<StructureChange> structure = new Grid<>(StructureChange.class, false);

    private final transient RecoveryService recovery;
    private final transient BiConsumer<RecoveryDraft, Function<Map<Long, com.countersign.recovery.ConflictChoice>, RecoveryDraft>> showRestore;
    private IntegrityReport report = IntegrityReport.NONE;

    UntracedChanges(RecoveryService recovery,
            BiConsumer<RecoveryDraft, Function<Map<Long, com.countersign.recovery.ConflictChoice>, RecoveryDraft>> showRestore) {
        this.recovery = recovery;
        this.showRestore = showRestore;
        setPadding(false);

        findings.addColumn(UntracedChange::number).setHeader("Proforma").setAutoWidth(true);
        findings.addColumn(UntracedChange::what).setHeader("What the check found").setFlexGrow(1);
        findings.addThemeVariants(GridVariant.LUMO_COMPACT);
        findings.setHeight("200px");
        findings.addSelectionListener(e -> differences.setItems(e.getFirstSelectedItem()
                .map(f -> recovery.untracedDifferences(f.proformaId())).orElse(java.util.List.of())));

        differences.addColumn(d -> d.field().startsWith("line ") ? "Line " + d.field().substring(5) : FieldLabels.of(d.field()))
                .setHeader("Field").setAutoWidth(true);
        differences.addColumn(d -> d.recorded() == null ? "(none)" : d.recorded()).setHeader("Last recorded in history")
                .setFlexGrow(1);
        differences.addColumn(d -> d.now() == null ? "(none)" : d.now()).setHeader("Now").setFlexGrow(1);
        differences.addThemeVariants(GridVariant.LUMO_COMPACT);
        differences.setHeight("200px");

        checkNow.addClickListener(e -> RecoveryView.attempt(() -> {
            show(recovery.checkIntegrity());
            return null;
        }));
        restoreAll.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        restoreAll.addClickListener(e -> RecoveryView.attempt(() -> {
            long checkId = report.checkId();
            showRestore.accept(recovery.previewLastRecorded(checkId, java.util.List.of(), Map.of()),
                    choices -> recovery.previewLastRecorded(checkId, java.util.List.of(), choices));
            return null;
        }));

        structure.addColumn(c -> RecoveryView.WHEN.format(c.at())).setHeader("When").setAutoWidth(true);
        structure.addColumn(StructureChange::dbUser).setHeader("Database role").setAutoWidth(true);
        structure.addColumn(StructureChange::command).setHeader("Command").setAutoWidth(true);
        structure.addColumn(StructureChange::object).setHeader("Object").setAutoWidth(true);
        structure.addColumn(StructureChange::statement).setHeader("Statement").setFlexGrow(1);
        structure.addThemeVariants(GridVariant.LUMO_COMPACT);
        structure.setHeight("200px");

        HorizontalLayout bar = new HorizontalLayout(status, checkNow);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H3("Changed without a trace"), bar, findings, differences, restoreAll,
                new H3("Changes to Countersign's tables and functions (DDL audit)"), structureStatus, structure);
        show(recovery.latestIntegrityCheck());
    }

    void show(IntegrityReport shown) {
        this.report = shown;
        if (!shown.ran()) {
            status.setText("No integrity check has finished yet; it runs when the portal starts and then every hour.");
        } else {
            String when = RecoveryView.WHEN.format(shown.finishedAt()) + " (" + cause(shown.cause()) + ")";
            status.setText(shown.findings() == 0
                    ? "Last check " + when + ": all " + shown.proformasChecked() + " proformas match their history."
                    : "Last check " + when + ": " + shown.findings() + " of " + shown.proformasChecked()
                            + " proformas were changed without a trace in history"
                            + (shown.findings() > shown.changes().size() ? " (the first " + shown.changes().size() + " listed)" : "")
                            + ". Select one to see what history last recorded.");
        }
        findings.setItems(shown.changes());
        differences.setItems(java.util.List.of());
        findings.setVisible(shown.findings() > 0);
        differences.setVisible(shown.findings() > 0);
        restoreAll.setVisible(shown.findings() > 0);
        if (recovery.structureAuditInstalled()) {
            structureStatus.setText("Every DDL command on Countersign's schema is recorded here; the newest first.");
            structure.setItems(recovery.structureChanges(200));
            structure.setVisible(true);
        } else {
            structureStatus.setText("The DDL audit is not installed: a database superuser runs db/roles/ddl-audit.sql "
                    + "once (see README, Production).");
            structure.setVisible(false);
        }
    }

    private static String cause(String cause) {
        return switch (cause) {
            case "START" -> "when the portal started";
            case "SCHEDULE" -> "scheduled";
            default -> "on demand";
        };
    }
}
