package com.countersign.recovery.ui;

import com.countersign.base.FieldLabels;
import com.countersign.approval.ApprovalService;
import com.countersign.approval.PreviewRow;
import com.countersign.base.WriteBlock;
import com.countersign.base.WriteGate;
import com.countersign.recovery.ConflictChoice;
import com.countersign.recovery.ConflictChoice.Resolution;
import com.countersign.recovery.LaterChange;
import com.countersign.recovery.RecoveryConflict;
import com.countersign.recovery.RecoveryDraft;
import com.countersign.recovery.RecoveryService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A previewed restore: what it changes, the conflicts (paged from the database) with a choice each,
 * skip by default, and submit for approval. Choices are collected first and then previewed again as
 * a new draft, so what is submitted is exactly what the preview shows.
 */
class RestorePanel extends VerticalLayout {

    final Paragraph summary = new Paragraph();
    final Paragraph locked = new Paragraph();
    final Grid<PreviewRow> preview = new Grid<>(PreviewRow.class, false);
    final Grid<RecoveryConflict> conflicts = new Grid<>(RecoveryConflict.class, false);
    final ConflictEditor editor = new ConflictEditor(this::choose);
    final Paragraph pending = new Paragraph();
    final Button again = new Button("Preview again with these choices");
    final TextArea reason = new TextArea("Why is this restore needed?");
    final Button submit = new Button("Submit for approval");

    private final transient ApprovalService approvals;
    private final transient RecoveryService recovery;
    private final transient WriteGate writeGate;
    private final Map<Long, ConflictChoice> choices = new HashMap<>();
    private transient Function<Map<Long, ConflictChoice>, RecoveryDraft> previewer;
    private RecoveryDraft draft;
    private boolean choicesPending;

    RestorePanel(ApprovalService approvals, RecoveryService recovery, WriteGate writeGate) {
        this.approvals = approvals;
        this.recovery = recovery;
        this.writeGate = writeGate;
        preview.addColumn(PreviewRow::number).setHeader("Proforma").setAutoWidth(true);
        preview.addColumn(r -> r.position() == null ? FieldLabels.of(r.field()) : "Line " + (r.position() + 1))
                .setHeader("Field").setAutoWidth(true);
        preview.addColumn(PreviewRow::before).setHeader("Now").setFlexGrow(1);
        preview.addColumn(PreviewRow::after).setHeader("Restored").setFlexGrow(1);
        preview.addThemeVariants(GridVariant.LUMO_COMPACT);
        preview.setHeight("260px");
        conflicts.addColumn(RecoveryConflict::number).setHeader("Proforma").setAutoWidth(true);
        conflicts.addColumn(c -> c.laterChanges().stream().map(RestorePanel::describe)
                .collect(Collectors.joining("; "))).setHeader("Changed since").setFlexGrow(1);
        conflicts.addColumn(c -> describe(choiceOf(c))).setHeader("Choice").setAutoWidth(true);
        conflicts.addThemeVariants(GridVariant.LUMO_COMPACT);
        conflicts.setHeight("240px");
        conflicts.addSelectionListener(e -> e.getFirstSelectedItem()
                .ifPresentOrElse(c -> editor.show(c, choiceOf(c)), () -> editor.setVisible(false)));
        locked.getStyle().set("color", "var(--lumo-error-text-color)");
        again.addClickListener(e -> previewAgain());
        reason.setWidth("32em");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H3("Restore preview"), summary, locked, preview, new H3("Conflicts"), conflicts, editor, pending,
                again, new HorizontalLayout(reason, submit));
        setVisible(false);
    }

    void show(RecoveryDraft shown, Function<Map<Long, ConflictChoice>, RecoveryDraft> previewedBy) {
        if (previewedBy != previewer) {
            choices.clear();
        }
        this.draft = shown;
        this.previewer = previewedBy;
        var cs = shown.changeSet();
        summary.setText("Change set " + cs.id() + " restores " + cs.proformaCount() + " proforma(s), " + cs.lineCount()
                + " line change(s); " + shown.conflictCount() + " conflict(s); approval " + cs.riskTier().label()
                + (cs.riskReasons().isEmpty() ? "" : " (" + String.join(", ", cs.riskReasons()) + ")"));
        preview.setItems(q -> approvals.previewPage(cs.id(), q.getOffset(), q.getLimit()).stream(),
                q -> approvals.previewSize(cs.id()));
        conflicts.setItems(q -> recovery.conflicts(cs.id(), q.getOffset(), q.getLimit()).stream(),
                q -> recovery.conflictCount(cs.id()));
        editor.setVisible(false);
        choicesPending = false;
        update();
        setVisible(true);
    }

    RecoveryDraft draft() {
        return draft;
    }

    /** Follows the editing lock: a restore cannot be applied while editing is locked, so it is not submitted. */
    void update() {
        Optional<WriteBlock> block = writeGate.blocked();
        locked.setText(block.map(b -> b.message() + " A restore writes proformas: look at it now, submit it"
                + " once editing is unlocked.").orElse(""));
        locked.setVisible(block.isPresent());
        pending.setText(choicesPending ? "Your choices are not in the preview yet: preview again before submitting." : "");
        pending.setVisible(choicesPending);
        again.setEnabled(choicesPending);
        submit.setEnabled(draft != null && draft.changeSet().proformaCount() > 0 && !choicesPending
                && block.isEmpty());
    }

    private void choose(RecoveryConflict conflict, ConflictChoice choice) {
        if (choice.equals(choiceOf(conflict))) {
            return;
        }
        choices.put(conflict.proformaId(), choice);
        choicesPending = true;
        conflicts.getDataProvider().refreshItem(conflict);
        update();
    }

    private void previewAgain() {
        long previous = draft.changeSet().id();
        show(previewer.apply(Map.copyOf(choices)), previewer);
        recovery.discard(previous);
    }

    private ConflictChoice choiceOf(RecoveryConflict conflict) {
        ConflictChoice chosen = choices.get(conflict.proformaId());
        if (chosen != null) {
            return chosen;
        }
        return switch (conflict.resolution()) {
            case SKIP -> ConflictChoice.skip();
            case RESTORE -> ConflictChoice.restoreAnyway();
            case FIELDS -> new ConflictChoice(Resolution.FIELDS, Set.copyOf(conflict.fields()));
        };
    }

    private static String describe(ConflictChoice choice) {
        return switch (choice.resolution()) {
            case SKIP -> "skip";
            case RESTORE -> "restore all";
            case FIELDS -> "restore " + choice.fields().stream().sorted().collect(Collectors.joining(", "));
        };
    }

    private static String describe(LaterChange change) {
        return change.actor() + " " + RecoveryView.WHEN.format(change.at())
                + (change.changeSetId() == null ? "" : " (change set " + change.changeSetId() + ")")
                + (change.fields().isEmpty() ? "" : ": " + String.join(", ", change.fields()));
    }
}
