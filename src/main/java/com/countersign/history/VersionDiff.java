package com.countersign.history;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Field by field, line by line (lines are matched by their position). */
final class VersionDiff {

    private VersionDiff() {}

    static List<FieldChange> between(ProformaContent before, ProformaContent after) {
        List<FieldChange> changes = new ArrayList<>();
        field(changes, "Customer", before, after, ProformaContent::customerName);
        field(changes, "Address", before, after, ProformaContent::customerAddress);
        field(changes, "VAT id", before, after, ProformaContent::customerVatId);
        field(changes, "Issue date", before, after, ProformaContent::issueDate);
        field(changes, "Valid until", before, after, ProformaContent::validUntil);
        field(changes, "Currency", before, after, c -> c.currency().getCurrencyCode());
        field(changes, "Status", before, after, ProformaContent::status);
        field(changes, "Notes", before, after, ProformaContent::notes);
        List<ProformaLine> old = before == null ? List.of() : before.lines();
        List<ProformaLine> now = after == null ? List.of() : after.lines();
        for (int i = 0; i < Math.max(old.size(), now.size()); i++) {
            String label = "Line " + (i + 1);
            if (i >= old.size()) {
                changes.add(new FieldChange(label + " added", "", text(now.get(i))));
            } else if (i >= now.size()) {
                changes.add(new FieldChange(label + " removed", text(old.get(i)), ""));
            } else {
                line(changes, label, old.get(i), now.get(i));
            }
        }
        return changes;
    }

    private static void line(List<FieldChange> changes, String label, ProformaLine a, ProformaLine b) {
        if (!a.description().equals(b.description())) {
            changes.add(new FieldChange(label + " description", a.description(), b.description()));
        }
        number(changes, label + " quantity", a.quantity(), b.quantity());
        number(changes, label + " unit price", a.unitPrice(), b.unitPrice());
        number(changes, label + " tax rate", a.taxRate(), b.taxRate());
    }

    private static void number(List<FieldChange> changes, String label, BigDecimal a, BigDecimal b) {
        if (a.compareTo(b) != 0) {
            changes.add(new FieldChange(label, plain(a), plain(b)));
        }
    }

    private static void field(List<FieldChange> changes, String label, ProformaContent before, ProformaContent after,
            Function<ProformaContent, Object> value) {
        String a = before == null ? "" : Objects.toString(value.apply(before), "");
        String b = after == null ? "" : Objects.toString(value.apply(after), "");
        if (!a.equals(b)) {
            changes.add(new FieldChange(label, a, b));
        }
    }

    static String text(ProformaLine line) {
        return line.description() + ", " + plain(line.quantity()) + " × " + plain(line.unitPrice()) + ", tax "
                + plain(line.taxRate()) + " %";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
