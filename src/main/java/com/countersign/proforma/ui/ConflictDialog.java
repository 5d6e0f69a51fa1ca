package com.countersign.proforma.ui;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.Totals;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Someone saved first. Shows who and when, and each field where their version and the typed one
 * differ, side by side. Nothing is decided for the person: they keep their text or take theirs.
 */
class ConflictDialog extends Dialog {

    record Difference(String field, String theirs, String yours) {}

    final Grid<Difference> differences = new Grid<>(Difference.class, false);

    ConflictDialog(ProformaDraft mine, ProformaSnapshot theirs, Runnable keepMine, Runnable takeTheirs) {
        setHeaderTitle("Someone else saved this proforma");
        add(new Paragraph(theirs.updatedBy() + " saved " + theirs.number() + " at "
                + ProformaEditorView.WHEN.format(theirs.updatedAt())
                + ", after you opened it. Nothing of yours has been saved or lost yet."));
        differences.addColumn(Difference::field).setHeader("Field").setAutoWidth(true);
        differences.addColumn(Difference::theirs).setHeader("Their version");
        differences.addColumn(Difference::yours).setHeader("Your typing");
        differences.setItems(compare(mine, theirs.content()));
        differences.setAllRowsVisible(true);
        differences.setWidth("48em");
        add(differences);
        Button keep = new Button("Keep my changes", e -> {
            keepMine.run();
            close();
        });
        keep.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button take = new Button("Discard mine, load theirs", e -> {
            takeTheirs.run();
            close();
        });
        take.addThemeVariants(ButtonVariant.LUMO_ERROR);
        getFooter().add(take, keep);
        setCloseOnOutsideClick(false);
    }

    static List<Difference> compare(ProformaDraft mine, ProformaContent theirs) {
        List<Difference> result = new ArrayList<>();
        String mineText = describeLines(mine);
        ProformaContent typed = safeContent(mine);
        add(result, "Customer", theirs.customerName(), mine.getCustomerName());
        add(result, "Address", theirs.customerAddress(), mine.getCustomerAddress());
        add(result, "VAT id", nullToEmpty(theirs.customerVatId()), mine.getCustomerVatId());
        add(result, "Issue date", String.valueOf(theirs.issueDate()), String.valueOf(mine.getIssueDate()));
        add(result, "Valid until", String.valueOf(theirs.validUntil()), String.valueOf(mine.getValidUntil()));
        add(result, "Currency", theirs.currency().getCurrencyCode(), codeOf(mine));
        add(result, "Status", String.valueOf(theirs.status()), String.valueOf(mine.getStatus()));
        add(result, "Notes", nullToEmpty(theirs.notes()), nullToEmpty(mine.getNotes()));
        add(result, "Lines", describe(theirs.lines(),
                l -> line(l.description(), l.quantity(), l.unitPrice(), l.taxRate())), mineText);
        if (typed != null) {
            add(result, "Gross", Totals.of(theirs.currency(), theirs.lines()).gross().formatted(),
                    Totals.of(typed.currency(), typed.lines()).gross().formatted());
        }
        return result;
    }

    private static ProformaContent safeContent(ProformaDraft mine) {
        try {
            return mine.toContent();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String describeLines(ProformaDraft mine) {
        return describe(mine.getLines(),
                l -> line(l.getDescription(), l.getQuantity(), l.getUnitPrice(), l.getTaxRate()));
    }

    /** One text for stored and typed lines alike, so only a real change shows as a difference. */
    private static String line(String description, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal taxRate) {
        return description + " " + plain(quantity) + " × " + plain(unitPrice) + " @ " + plain(taxRate) + " %";
    }

    private static String plain(BigDecimal value) {
        return value == null ? "?" : value.stripTrailingZeros().toPlainString();
    }

    private static <T> String describe(List<T> lines, Function<T, String> text) {
        return String.join("; ", lines.stream().map(text).toList());
    }

    private static String codeOf(ProformaDraft mine) {
        return mine.getCurrency() == null ? "" : mine.getCurrency().getCurrencyCode();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void add(List<Difference> result, String field, String theirs, String yours) {
        if (!Objects.equals(nullToEmpty(theirs).strip(), nullToEmpty(yours).strip())) {
            result.add(new Difference(field, theirs, yours));
        }
    }
}
