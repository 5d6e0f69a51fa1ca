package com.countersign.history.ui;

import com.countersign.base.NotFoundException;
import com.countersign.history.FieldChange;
import com.countersign.history.HistoryEntry;
import com.countersign.history.HistoryService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * The timeline of one proforma: who changed it, when and why; any two versions compared field by
 * field; the record as of any moment; and an earlier version restored as a new one.
 */
class HistoryPanel extends VerticalLayout {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    final Grid<HistoryEntry> timeline = new Grid<>(HistoryEntry.class, false);
    final Button compare = new Button("Compare");
    final Button view = new Button("View this version");
    final Button restore = new Button("Restore this version…");
    final DateTimePicker asOf = new DateTimePicker("Show the record as of");
    final Button showAsOf = new Button("Show");
    final VerticalLayout detail = new VerticalLayout();

    private final transient HistoryService history;
    private final long proformaId;
    private final transient Runnable afterRestore;
    private List<HistoryEntry> entries = List.of();
    private String lockedMessage;

    HistoryPanel(HistoryService history, long proformaId, boolean mayRestore, Runnable afterRestore) {
        this.history = history;
        this.proformaId = proformaId;
        this.afterRestore = afterRestore;
        setPadding(false);
        timeline.addColumn(e -> WHEN.format(e.at())).setHeader("When").setKey("when").setAutoWidth(true);
        timeline.addColumn(HistoryEntry::actor).setHeader("Who").setKey("who").setAutoWidth(true);
        timeline.addColumn(HistoryEntry::what).setHeader("What").setKey("what").setAutoWidth(true);
        timeline.addColumn(e -> e.reason() == null ? "" : e.reason()).setHeader("Why").setKey("why").setFlexGrow(1);
        timeline.addColumn(e -> e.changeSetId() == null ? "" : "#" + e.changeSetId()).setHeader("Change set")
                .setKey("changeSet").setAutoWidth(true);
        timeline.setSelectionMode(Grid.SelectionMode.MULTI);
        timeline.setAllRowsVisible(true);
        timeline.addSelectionListener(e -> updateButtons());
        compare.addClickListener(e -> compareSelected());
        view.addClickListener(e -> selectedOne().ifPresent(this::viewVersion));
        restore.addClickListener(e -> selectedOne().ifPresent(this::confirmRestore));
        restore.addThemeVariants(ButtonVariant.LUMO_ERROR);
        restore.setVisible(mayRestore);
        asOf.setStep(java.time.Duration.ofSeconds(1));
        showAsOf.addClickListener(e -> showAsOf());
        HorizontalLayout asOfBar = new HorizontalLayout(asOf, showAsOf);
        asOfBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        detail.setPadding(false);
        add(new Paragraph("Select one version to view, restore or compare it with the one before; select two to "
                + "compare them."), timeline, new HorizontalLayout(compare, view, restore), asOfBar, detail);
        refresh();
    }

    void refresh() {
        entries = history.timeline(proformaId);
        timeline.setItems(entries);
        detail.removeAll();
        updateButtons();
    }

    private void updateButtons() {
        int selected = timeline.getSelectedItems().size();
        compare.setEnabled(selected == 2 || (selected == 1 && previousOf(selectedOne().orElseThrow()) != null));
        boolean oneExisting = selected == 1 && !"Deleted".equals(selectedOne().orElseThrow().what());
        view.setEnabled(oneExisting);
        restore.setEnabled(oneExisting && lockedMessage == null);
    }

    /** Editing is locked: restoring would be refused, so the button says why instead. */
    void lockRestore(String message) {
        lockedMessage = message;
        restore.setTooltipText(message);
        updateButtons();
    }

    private java.util.Optional<HistoryEntry> selectedOne() {
        return timeline.getSelectedItems().size() == 1
                ? timeline.getSelectedItems().stream().findFirst()
                : java.util.Optional.empty();
    }

    private HistoryEntry previousOf(HistoryEntry entry) {
        int index = entries.indexOf(entry);
        return index >= 0 && index + 1 < entries.size() ? entries.get(index + 1) : null;
    }

    void compareSelected() {
        List<HistoryEntry> picked = timeline.getSelectedItems().stream()
                .sorted(Comparator.comparing(HistoryEntry::at)).toList();
        HistoryEntry older = picked.size() == 2 ? picked.get(0) : previousOf(picked.get(0));
        HistoryEntry newer = picked.get(picked.size() - 1);
        List<FieldChange> changes = history.diff(proformaId, older.at(), newer.at());
        Grid<FieldChange> diff = new Grid<>(FieldChange.class, false);
        diff.addColumn(FieldChange::field).setHeader("Field").setKey("field").setAutoWidth(true);
        diff.addColumn(FieldChange::before).setHeader("Before (" + WHEN.format(older.at()) + ")").setKey("before");
        diff.addColumn(FieldChange::after).setHeader("After (" + WHEN.format(newer.at()) + ")").setKey("after");
        diff.setItems(changes);
        diff.setAllRowsVisible(true);
        detail.removeAll();
        detail.add(new H4(changes.isEmpty() ? "No differences" : changes.size() + " differences"), diff);
    }

    private void viewVersion(HistoryEntry entry) {
        detail.removeAll();
        history.asOf(proformaId, entry.at()).ifPresentOrElse(
                v -> detail.add(new VersionView("As saved " + by(entry) + " at " + WHEN.format(entry.at()), v)),
                () -> detail.add(new Paragraph("The proforma did not exist at that moment.")));
    }

    /** "by anna", or for a write from a SQL session without the portal's actor "via SQL as role". */
    private static String by(HistoryEntry entry) {
        return entry.actor().startsWith("via SQL") ? entry.actor() : "by " + entry.actor();
    }

    private void showAsOf() {
        LocalDateTime value = asOf.getValue();
        detail.removeAll();
        if (value == null) {
            asOf.setErrorMessage("Pick a date and time");
            asOf.setInvalid(true);
            return;
        }
        asOf.setInvalid(false);
        Instant at = value.atZone(ZoneId.systemDefault()).toInstant();
        history.asOf(proformaId, at).ifPresentOrElse(
                v -> detail.add(new VersionView("As of " + WHEN.format(at), v)),
                () -> detail.add(new Paragraph("At " + WHEN.format(at)
                        + " this proforma did not exist (not created yet, or deleted).")));
    }

    private void confirmRestore(HistoryEntry entry) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Restore the version of " + WHEN.format(entry.at()));
        TextArea reason = new TextArea("Why is this version restored?");
        reason.setWidth("32em");
        reason.setRequired(true);
        dialog.add(new Paragraph("The proforma gets this version's content as a new version. Nothing in its history "
                + "is removed, and the restore can itself be undone."), reason);
        Button confirm = new Button("Restore", e -> {
            if (reason.getValue().isBlank()) {
                reason.setErrorMessage("A reason is required");
                reason.setInvalid(true);
                return;
            }
            try {
                var restored = history.restore(proformaId, entry.at(), reason.getValue());
                dialog.close();
                Notification.show(restored.number() + " restored to the version of " + WHEN.format(entry.at()) + ".",
                        5000, Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
                afterRestore.run();
            } catch (IllegalArgumentException | NotFoundException | org.springframework.dao.DataAccessException ex) {
                Notification.show("Not restored: " + ex.getMessage(), 8000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }
}
