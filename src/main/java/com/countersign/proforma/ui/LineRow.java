package com.countersign.proforma.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import com.vaadin.flow.data.value.ValueChangeMode;

/** One editable line: every part is a field in tab order, so a line is typed without the mouse. */
class LineRow extends Composite<HorizontalLayout> {

    final TextField description = new TextField();
    final TextField quantity = new TextField();
    final TextField unitPrice = new TextField();
    final TextField taxRate = new TextField();
    final Span net = new Span();
    final Button up = new Button(VaadinIcon.ARROW_UP.create());
    final Button down = new Button(VaadinIcon.ARROW_DOWN.create());
    final Button remove = new Button(VaadinIcon.TRASH.create());
    final BeanValidationBinder<LineDraft> binder = new BeanValidationBinder<>(LineDraft.class);
    final LineDraft line;

    LineRow(LineDraft line, int index) {
        this.line = line;
        description.setPlaceholder("Description");
        description.setWidth(LinesEditor.DESCRIPTION_WIDTH);
        quantity.setPlaceholder("Qty");
        quantity.setWidth(LinesEditor.QUANTITY_WIDTH);
        unitPrice.setPlaceholder("Unit price");
        unitPrice.setWidth(LinesEditor.PRICE_WIDTH);
        taxRate.setPlaceholder("Tax %");
        taxRate.setWidth(LinesEditor.TAX_WIDTH);
        net.addClassName("cs-amount");
        net.setWidth(LinesEditor.NET_WIDTH);
        for (TextField field : java.util.List.of(quantity, unitPrice, taxRate)) {
            field.setValueChangeMode(ValueChangeMode.EAGER);
            field.addThemeVariants(TextFieldVariant.LUMO_ALIGN_RIGHT);
            // a phone's keyboard with digits and a decimal separator
            field.getElement().setAttribute("inputmode", "decimal");
        }
        description.setValueChangeMode(ValueChangeMode.EAGER);
        setLabels(index);
        up.setAriaLabel("Move line up");
        down.setAriaLabel("Move line down");
        remove.setAriaLabel("Remove line");
        for (Button b : java.util.List.of(up, down, remove)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        }
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        // text fields with a converter: "12abc" is refused at the field, never cut to 12 by the browser
        binder.forField(quantity).withConverter(new DecimalText()).bind("quantity");
        binder.forField(unitPrice).withConverter(new DecimalText()).bind("unitPrice");
        binder.forField(taxRate).withConverter(new DecimalText()).bind("taxRate");
        binder.bindInstanceFields(this);
        binder.setBean(line);
        HorizontalLayout row = getContent();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.add(description, quantity, unitPrice, taxRate, net, up, down, remove);
    }

    void setLabels(int index) {
        description.setAriaLabel("Line " + (index + 1) + " description");
        quantity.setAriaLabel("Line " + (index + 1) + " quantity");
        unitPrice.setAriaLabel("Line " + (index + 1) + " unit price");
        taxRate.setAriaLabel("Line " + (index + 1) + " tax rate");
    }
}
