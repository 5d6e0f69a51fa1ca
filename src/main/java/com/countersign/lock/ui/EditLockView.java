package com.countersign.lock.ui;

import com.countersign.base.ui.MainLayout;
import com.countersign.lock.EditLock;
import com.countersign.lock.EditLockEvent;
import com.countersign.lock.EditLockService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Managers stop editing during an incident and start it again; every change is on record below. */
@Route("lock")
@PageTitle("Editing lock · Countersign")
@RolesAllowed({"MANAGER", "ADMIN"})
public class EditLockView extends VerticalLayout {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    final Paragraph state = new Paragraph();
    final TextArea reason = new TextArea("Why is editing locked?");
    final DateTimePicker expectedEnd = new DateTimePicker("Expected end (optional)");
    final Button lock = new Button("Lock editing");
    final TextField unlockNote = new TextField("Note on unlocking (optional)");
    final Button unlock = new Button("Unlock editing");
    final Grid<EditLockEvent> events = new Grid<>(EditLockEvent.class, false);

    private final transient EditLockService service;

    public EditLockView(EditLockService service) {
        this.service = service;
        reason.setWidth("32em");
        reason.setMaxLength(1000);
        lock.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        lock.addClickListener(e -> lock());
        unlock.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        unlock.addClickListener(e -> unlock());
        unlockNote.setWidth("32em");
        HorizontalLayout lockBar = new HorizontalLayout(reason, expectedEnd, lock);
        lockBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout unlockBar = new HorizontalLayout(unlockNote, unlock);
        unlockBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        events.addColumn(e -> WHEN.format(e.at())).setHeader("When").setKey("at").setAutoWidth(true);
        events.addColumn(EditLockEvent::action).setHeader("What").setKey("action").setAutoWidth(true);
        events.addColumn(e -> e.actor().equals(e.dbUser()) ? e.actor() : e.actor() + " (" + e.dbUser() + ")")
                .setHeader("Who").setKey("actor").setAutoWidth(true);
        events.addColumn(e -> e.kind() == null ? "" : e.kind().name()).setHeader("Kind").setKey("kind")
                .setAutoWidth(true);
        events.addColumn(e -> e.reason() == null ? "" : e.reason()).setHeader("Reason").setKey("reason")
                .setFlexGrow(1);
        events.addColumn(e -> e.note() == null ? "" : e.note()).setHeader("Note").setKey("note").setFlexGrow(1);
        events.setAllRowsVisible(true);
        add(new H2("Editing lock"), state, lockBar, unlockBar, new H3("Lock history"), events);
        refresh();
    }

    void refresh() {
        EditLock current = service.current();
        state.setText(current.block().map(b -> b.message()).orElse(
                "Editing is open. Lock it while data is being repaired; proformas stay readable and printable."));
        reason.setEnabled(!current.locked());
        expectedEnd.setEnabled(!current.locked());
        lock.setEnabled(!current.locked());
        unlockNote.setEnabled(current.locked());
        unlock.setEnabled(current.locked());
        events.setItems(service.events(100));
    }

    private void lock() {
        if (reason.getValue().isBlank()) {
            reason.setErrorMessage("Say why editing is locked");
            reason.setInvalid(true);
            return;
        }
        reason.setInvalid(false);
        run(() -> service.lock(reason.getValue(), expectedEnd.getValue() == null ? null
                : expectedEnd.getValue().atZone(ZoneId.systemDefault()).toInstant()), "Editing is locked.");
        reason.clear();
        expectedEnd.clear();
    }

    private void unlock() {
        run(() -> service.unlock(unlockNote.getValue()), "Editing is open again.");
        unlockNote.clear();
    }

    private void run(Runnable action, String done) {
        try {
            action.run();
            Notification.show(done, 4000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (IllegalArgumentException | IllegalStateException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
        MainLayout.refreshBanner();
    }
}
