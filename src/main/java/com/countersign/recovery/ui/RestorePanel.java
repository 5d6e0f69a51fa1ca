package com.countersign.recovery.ui;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.PreviewRow;
import com.countersign.recovery.ConflictChoice;
import com.countersign.recovery.LaterChange;
import com.countersign.recovery.RecoveryConflict;
import com.countersign.recovery.RecoveryDraft;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A previewed restore: what it changes, the conflicts with a choice each (skip by default), and
 * submit for approval. Choosing differently previews again with the choices.
 */
class RestorePanel extends VerticalLayout {

    final Paragraph summary = new Paragraph();
    final Grid<PreviewRow> preview = new Grid<>(PreviewRow.class, false);
    final Grid<RecoveryConflict> conflicts = new Grid<>(RecoveryConflict.class, false);
    final Button again = new Button("Preview again with these choices");
    final TextArea reason = new TextArea("Why is this restore needed?");
    final Button submit = new Button("Submit for approval");

    private final transient ApprovalService approvals;
    private final Map<Long, ConflictChoice> choices = new HashMap<>();
    private transient Function<Map<Long, ConflictChoice>, RecoveryDraft> previewer;
    private RecoveryDraft draft;

    RestorePanel(ApprovalService approvals) {
        this.approvals = approvals;
        preview.addColumn(PreviewRow::number).setHeader("Proforma").setAutoWidth(true);
        preview.addColumn(r -> r.position() == null ? r.field() : "line " + (r.position() + 1))
                .setHeader("Field").setAutoWidth(true);
        preview.addColumn(PreviewRow::before).setHeader("Now").setFlexGrow(1);
        preview.addColumn(PreviewRow::after).setHeader("Restored").setFlexGrow(1);
        preview.addThemeVariants(GridVariant.LUMO_COMPACT);
        preview.setHeight("260px");
        conflicts.addColumn(RecoveryConflict::number).setHeader("Proforma").setAutoWidth(true);
        conflicts.addColumn(c -> c.laterChanges().stream().map(RestorePanel::describe)
                .collect(Collectors.joining("; "))).setHeader("Changed since by").setFlexGrow(1);
        conflicts.addComponentColumn(this::choiceOf).setHeader("Restore?").setAutoWidth(true);
        conflicts.addThemeVariants(GridVariant.LUMO_COMPACT);
        conflicts.setAllRowsVisible(true);
        again.addClickListener(e -> show(previewer.apply(Map.copyOf(choices)), previewer));
        reason.setWidth("32em");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H3("Restore preview"), summary, preview, new H3("Conflicts"), conflicts, again,
                new HorizontalLayout(reason, submit));
        setVisible(false);
    }

    void show(RecoveryDraft shown, Function<Map<Long, ConflictChoice>, RecoveryDraft> previewedBy) {
        this.draft = shown;
        this.previewer = previewedBy;
        var cs = shown.changeSet();
        summary.setText("Change set " + cs.id() + " restores " + cs.proformaCount() + " proforma(s), " + cs.lineCount()
                + " line change(s); " + shown.conflicts().size() + " conflict(s); risk tier " + cs.riskTier()
                + (cs.riskReasons().isEmpty() ? "" : " (" + String.join(", ", cs.riskReasons()) + ")"));
        preview.setItems(q -> approvals.previewPage(cs.id(), q.getOffset(), q.getLimit()).stream(),
                q -> approvals.previewSize(cs.id()));
        choices.clear();
        shown.conflicts().forEach(c -> choices.put(c.proformaId(), c.resolution() == ConflictChoice.Resolution.RESTORE
                ? ConflictChoice.restoreAnyway() : c.resolution() == ConflictChoice.Resolution.FIELDS
                        ? new ConflictChoice(ConflictChoice.Resolution.FIELDS, java.util.Set.copyOf(c.fields()))
                        : ConflictChoice.skip()));
        conflicts.setItems(shown.conflicts());
        again.setEnabled(!shown.conflicts().isEmpty());
        submit.setEnabled(cs.proformaCount() > 0);
        setVisible(true);
    }

    RecoveryDraft draft() {
        return draft;
    }

    private Select<ConflictChoice.Resolution> choiceOf(RecoveryConflict conflict) {
        Select<ConflictChoice.Resolution> select = new Select<>();
        select.setItems(ConflictChoice.Resolution.SKIP, ConflictChoice.Resolution.RESTORE);
        select.setItemLabelGenerator(r -> r == ConflictChoice.Resolution.SKIP ? "Skip" : "Restore anyway");
        select.setValue(conflict.resolution() == ConflictChoice.Resolution.RESTORE ? ConflictChoice.Resolution.RESTORE
                : ConflictChoice.Resolution.SKIP);
        select.addValueChangeListener(e -> choices.put(conflict.proformaId(),
                e.getValue() == ConflictChoice.Resolution.RESTORE ? ConflictChoice.restoreAnyway() : ConflictChoice.skip()));
        return select;
    }

    private static String describe(LaterChange change) {
        return change.actor() + " " + RecoveryView.WHEN.format(change.at())
                + (change.changeSetId() == null ? "" : " (change set " + change.changeSetId() + ")")
                + (change.fields().isEmpty() ? "" : ": " + String.join(", ", change.fields()));
    }
}
