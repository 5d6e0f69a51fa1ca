package com.countersign.recovery.ui;

import com.countersign.base.FieldLabels;
import com.countersign.recovery.ConflictChoice;
import com.countersign.recovery.ConflictChoice.Resolution;
import com.countersign.recovery.LaterChange;
import com.countersign.recovery.RecoveryConflict;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One conflict up close: every later write (who, when, which field, before and after) and the
 * choice for it: skip (the default), restore all, or restore only the ticked fields. Plain form
 * controls below the grid, so Tab, arrows and Space reach every one of them.
 */
class ConflictEditor extends VerticalLayout {

    /** One field or line of one later write, flattened for the grid. */
    record Row(LaterChange change, String field, String before, String after) {}

    final H4 title = new H4();
    final Grid<Row> laterChanges = new Grid<>(Row.class, false);
    final RadioButtonGroup<Resolution> resolution = new RadioButtonGroup<>("What should the restore do with it?");
    final CheckboxGroup<String> fields = new CheckboxGroup<>("Restore only these");

    private RecoveryConflict conflict;
    private boolean showing;
    private final BiConsumer<RecoveryConflict, ConflictChoice> chosen;

    ConflictEditor(BiConsumer<RecoveryConflict, ConflictChoice> chosen) {
        this.chosen = chosen;
        laterChanges.addColumn(r -> RecoveryView.WHEN.format(r.change().at())).setHeader("When").setAutoWidth(true);
        laterChanges.addColumn(r -> r.change().actor()).setHeader("Who").setAutoWidth(true);
        laterChanges.addColumn(r -> r.change().changeSetId() == null ? "" : "#" + r.change().changeSetId())
                .setHeader("Change set").setAutoWidth(true);
        laterChanges.addColumn(r -> FieldLabels.of(r.field())).setHeader("Field").setAutoWidth(true);
        laterChanges.addColumn(Row::before).setHeader("Before").setFlexGrow(1);
        laterChanges.addColumn(Row::after).setHeader("After").setFlexGrow(1);
        laterChanges.addThemeVariants(GridVariant.LUMO_COMPACT);
        laterChanges.setAllRowsVisible(true);
        resolution.setItems(Resolution.SKIP, Resolution.RESTORE, Resolution.FIELDS);
        resolution.setItemLabelGenerator(r -> switch (r) {
            case SKIP -> "Skip: keep it as it is now";
            case RESTORE -> "Restore everything the restore would change";
            case FIELDS -> "Restore only the fields ticked below";
        });
        resolution.addValueChangeListener(e -> changed());
        fields.addValueChangeListener(e -> changed());
        add(title, laterChanges, resolution, fields);
        setPadding(false);
        setVisible(false);
    }

    void show(RecoveryConflict shown, ConflictChoice current) {
        showing = false;
        conflict = shown;
        title.setText("Proforma " + shown.number() + ": changed since by "
                + String.join(", ", shown.laterChanges().stream().map(LaterChange::actor).distinct().toList()));
        laterChanges.setItems(rows(shown.laterChanges()));
        fields.setItems(shown.restorable());
        fields.setValue(current.resolution() == Resolution.FIELDS ? current.fields() : Set.of());
        resolution.setValue(current.resolution());
        fields.setEnabled(current.resolution() == Resolution.FIELDS);
        fields.setInvalid(false);
        showing = true;
        setVisible(true);
    }

    private void changed() {
        if (!showing) {
            return;
        }
        Resolution r = resolution.getValue();
        fields.setEnabled(r == Resolution.FIELDS);
        if (r == Resolution.FIELDS && fields.getValue().isEmpty()) {
            fields.setErrorMessage("Tick at least one field to restore");
            fields.setInvalid(true);
            return;
        }
        fields.setInvalid(false);
        chosen.accept(conflict, switch (r) {
            case SKIP -> ConflictChoice.skip();
            case RESTORE -> ConflictChoice.restoreAnyway();
            case FIELDS -> new ConflictChoice(Resolution.FIELDS, fields.getValue());
        });
    }

    private static List<Row> rows(List<LaterChange> changes) {
        return changes.stream().flatMap(c -> c.changes().isEmpty()
                ? java.util.stream.Stream.of(new Row(c, "proforma", "", "D".equals(c.operation()) ? "deleted" : "saved"))
                : c.changes().stream().map(f -> new Row(c, f.field(), f.before(), f.after())))
                .toList();
    }
}
