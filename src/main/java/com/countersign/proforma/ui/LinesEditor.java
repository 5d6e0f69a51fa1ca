package com.countersign.proforma.ui;

import com.countersign.base.Money;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;

/** The lines of the draft: add, remove, move up and down; every change reports back for the totals. */
class LinesEditor extends Composite<VerticalLayout> {

    final Button add = new Button("Add line", VaadinIcon.PLUS.create());
    final List<LineRow> rows = new ArrayList<>();
    private final VerticalLayout rowBox = new VerticalLayout();
    private final Runnable onChange;
    private List<LineDraft> lines = new ArrayList<>();
    private Currency currency = Currency.getInstance("EUR");

    LinesEditor(Runnable onChange) {
        this.onChange = onChange;
        rowBox.setPadding(false);
        rowBox.setSpacing(false);
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.addClickListener(e -> {
            lines.add(LineDraft.blank());
            rebuild();
            rows.get(rows.size() - 1).description.focus();
            onChange.run();
        });
        getContent().setPadding(false);
        getContent().add(new H3("Lines"), columnLabels(), rowBox, add);
    }

    // rem, not em: the labels are set in a smaller font than the fields and must still line up with them
    static final String DESCRIPTION_WIDTH = "24rem";
    static final String QUANTITY_WIDTH = "7rem";
    static final String PRICE_WIDTH = "9rem";
    static final String TAX_WIDTH = "6rem";
    static final String NET_WIDTH = "9rem";

    /** Visible labels over the line fields, which carry only aria labels of their own. */
    private static HorizontalLayout columnLabels() {
        HorizontalLayout labels = new HorizontalLayout();
        String[][] columns = {{"Description", DESCRIPTION_WIDTH}, {"Quantity", QUANTITY_WIDTH},
            {"Unit price", PRICE_WIDTH}, {"Tax %", TAX_WIDTH}, {"Net", NET_WIDTH}};
        for (String[] column : columns) {
            Span label = new Span(column[0]);
            label.setWidth(column[1]);
            label.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)")
                    .set("flex-shrink", "0");
            labels.add(label);
        }
        // the net amounts are right-aligned under their label
        labels.getComponentAt(columns.length - 1).getElement().getStyle().set("text-align", "end");
        return labels;
    }

    void setLines(List<LineDraft> lines, Currency currency) {
        this.lines = lines;
        this.currency = currency;
        rebuild();
    }

    void setCurrency(Currency currency) {
        this.currency = currency;
        refreshNet();
    }

    boolean validate() {
        boolean valid = true;
        for (LineRow row : rows) {
            valid &= row.binder.validate().isOk();
        }
        return valid;
    }

    void setReadOnly(boolean readOnly) {
        add.setVisible(!readOnly);
        rows.forEach(row -> {
            row.binder.setReadOnly(readOnly);
            row.up.setVisible(!readOnly);
            row.down.setVisible(!readOnly);
            row.remove.setVisible(!readOnly);
        });
    }

    private void rebuild() {
        rowBox.removeAll();
        rows.clear();
        if (lines.isEmpty()) {
            rowBox.add(new Span("No lines yet."));
        }
        for (int i = 0; i < lines.size(); i++) {
            LineRow row = new LineRow(lines.get(i), i);
            int index = i;
            row.up.setEnabled(i > 0);
            row.down.setEnabled(i < lines.size() - 1);
            row.up.addClickListener(e -> move(index, index - 1));
            row.down.addClickListener(e -> move(index, index + 1));
            row.remove.addClickListener(e -> {
                lines.remove(index);
                rebuild();
                onChange.run();
            });
            row.binder.addValueChangeListener(e -> {
                refreshNet();
                onChange.run();
            });
            rows.add(row);
            rowBox.add(row);
        }
        refreshNet();
    }

    private void move(int from, int to) {
        Collections.swap(lines, from, to);
        rebuild();
        rows.get(to).description.focus();
        onChange.run();
    }

    private void refreshNet() {
        for (LineRow row : rows) {
            var line = row.line.toLineForTotals();
            row.net.setText(new Money(line.quantity().multiply(line.unitPrice()), currency).formatted());
        }
    }
}
