package com.countersign.history.ui;

import com.countersign.history.ProformaVersion;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.Totals;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Objects;

/** A past version of a proforma, read only. */
class VersionView extends VerticalLayout {

    VersionView(String caption, ProformaVersion version) {
        setPadding(false);
        ProformaContent c = version.content();
        FormLayout fields = new FormLayout();
        fields.add(field("Number", version.number()), field("Customer", c.customerName()),
                area("Address", c.customerAddress()), field("VAT id", c.customerVatId()),
                field("Issue date", c.issueDate()), field("Valid until", c.validUntil()),
                field("Currency", c.currency().getCurrencyCode()), field("Status", c.status()),
                area("Notes", c.notes()));
        Grid<ProformaLine> lines = new Grid<>(ProformaLine.class, false);
        lines.addColumn(ProformaLine::description).setHeader("Description").setFlexGrow(1);
        lines.addColumn(l -> l.quantity().stripTrailingZeros().toPlainString()).setHeader("Quantity");
        lines.addColumn(l -> l.unitPrice().stripTrailingZeros().toPlainString()).setHeader("Unit price");
        lines.addColumn(l -> l.taxRate().stripTrailingZeros().toPlainString() + " %").setHeader("Tax");
        lines.setItems(c.lines());
        lines.setAllRowsVisible(true);
        Totals totals = Totals.of(c.currency(), c.lines());
        add(new H4(caption), fields, lines,
                new Span("Net " + totals.net().formatted() + " · Tax " + totals.tax().formatted() + " · Gross "
                        + totals.gross().formatted()));
    }

    private static TextField field(String label, Object value) {
        TextField field = new TextField(label);
        field.setValue(Objects.toString(value, ""));
        field.setReadOnly(true);
        return field;
    }

    private static TextArea area(String label, String value) {
        TextArea area = new TextArea(label);
        area.setValue(value == null ? "" : value);
        area.setReadOnly(true);
        return area;
    }
}
