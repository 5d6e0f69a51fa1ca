package com.countersign.proforma.ui;

import com.countersign.proforma.ProformaCurrencies;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.ProformaStatus;
import com.countersign.proforma.Totals;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import com.vaadin.flow.shared.Registration;
import java.util.Currency;
import java.util.List;

/** The proforma's fields, lines and live totals. It never saves: it fires {@link SaveEvent}. */
class ProformaForm extends Composite<VerticalLayout> {

    final TextField customerName = new TextField("Customer");
    final TextArea customerAddress = new TextArea("Address");
    final TextField customerVatId = new TextField("VAT id");
    final DatePicker issueDate = new DatePicker("Issue date");
    final DatePicker validUntil = new DatePicker("Valid until");
    final ComboBox<Currency> currency = new ComboBox<>("Currency");
    final ComboBox<ProformaStatus> status = new ComboBox<>("Status");
    final TextArea notes = new TextArea("Notes");
    final LinesEditor lines = new LinesEditor(this::linesChanged);
    final Span totals = new Span();
    final Button save = new Button("Save");
    final Button close = new Button("Back to list");
    final BeanValidationBinder<ProformaDraft> binder = new BeanValidationBinder<>(ProformaDraft.class);
    private ProformaDraft draft;
    private boolean typedSinceShown;

    ProformaForm() {
        currency.setItems(ProformaCurrencies.CODES.stream().map(Currency::getInstance).toList());
        currency.setItemLabelGenerator(Currency::getCurrencyCode);
        status.setItems(ProformaStatus.values());
        customerVatId.setHelperText("Optional, e.g. DE123456789");
        binder.forField(validUntil)
                .asRequired("Pick the date the offer is valid until")
                .withValidator(d -> issueDate.getValue() == null || !d.isBefore(issueDate.getValue()),
                        "Must not be before the issue date")
                .bind(ProformaDraft::getValidUntil, ProformaDraft::setValidUntil);
        binder.bindInstanceFields(this);
        binder.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                typed();
            }
        });
        issueDate.addValueChangeListener(e -> {
            if (validUntil.getValue() != null) {
                binder.validate();
            }
        });
        currency.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                lines.setCurrency(e.getValue());
                refreshTotals();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // the field the cursor is in sends its value first (its change event comes on blur), so Ctrl+S
        // saves what is on the screen and not what was there before the last field
        save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL).resetFocusOnActiveElement();
        save.addClickListener(e -> fireEvent(new SaveEvent(this)));
        close.addClickListener(e -> fireEvent(new CloseEvent(this)));
        save.setTooltipText("Ctrl+S");

        FormLayout header = new FormLayout(customerName, customerVatId, customerAddress, issueDate, validUntil,
                currency, status, notes);
        header.setColspan(customerAddress, 2);
        header.setColspan(notes, 2);
        totals.addClassName("cs-totals");
        getContent().setPadding(false);
        getContent().add(header, lines, totals, new HorizontalLayout(save, close));
    }

    void edit(ProformaDraft draft) {
        this.draft = draft;
        setTypedSinceShown(false);
        binder.setBean(draft);
        lines.setLines(draft.getLines(), draft.getCurrency());
        refreshTotals();
    }

    ProformaDraft draft() {
        return draft;
    }

    /** Whether the person changed anything since the form was filled (a save or a reload fills it again). */
    boolean hasUnsavedTyping() {
        return typedSinceShown;
    }

    /** The typing went somewhere (submitted for approval): leaving no longer loses it. */
    void typingHandled() {
        setTypedSinceShown(false);
    }

    private void linesChanged() {
        typed();
        refreshTotals();
    }

    private void typed() {
        if (!typedSinceShown && save.isVisible()) {
            setTypedSinceShown(true);
        }
    }

    /** While there is unsaved typing, closing or reloading the tab asks the browser's "leave this page?". */
    private void setTypedSinceShown(boolean typed) {
        typedSinceShown = typed;
        getElement().executeJs("window.onbeforeunload = $0 ? (e => { e.preventDefault(); e.returnValue = ''; }) : null;",
                typed);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        detachEvent.getUI().getPage().executeJs("window.onbeforeunload = null;");
        super.onDetach(detachEvent);
    }

    /** Validates header and lines together, so every field in error is marked at once. */
    boolean validate() {
        boolean headerOk = binder.validate().isOk();
        boolean linesOk = lines.validate();
        return headerOk && linesOk;
    }

    void setReadOnly(boolean readOnly) {
        binder.setReadOnly(readOnly);
        lines.setReadOnly(readOnly);
        save.setVisible(!readOnly);
    }

    void refreshTotals() {
        if (draft == null || draft.getCurrency() == null) {
            return;
        }
        List<ProformaLine> current = draft.getLines().stream().map(LineDraft::toLineForTotals).toList();
        Totals t = Totals.of(draft.getCurrency(), current);
        totals.setText("Net " + t.net().formatted() + " · Tax " + t.tax().formatted()
                + " · Gross " + t.gross().formatted());
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    static class SaveEvent extends ComponentEvent<ProformaForm> {
        SaveEvent(ProformaForm source) {
            super(source, false);
        }
    }

    static class CloseEvent extends ComponentEvent<ProformaForm> {
        CloseEvent(ProformaForm source) {
            super(source, false);
        }
    }
}
