package com.countersign.base;

import java.util.Map;

/**
 * The words people read for the columns that previews, restores and reports name: "Unit price", not
 * {@code unit_price}. The same words as the editor's field labels.
 */
public final class FieldLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("customer_name", "Customer"),
            Map.entry("customer_address", "Address"),
            Map.entry("customer_vat_id", "VAT id"),
            Map.entry("issue_date", "Issue date"),
            Map.entry("valid_until", "Valid until"),
            Map.entry("currency", "Currency"),
            Map.entry("status", "Status"),
            Map.entry("notes", "Notes"),
            Map.entry("number", "Number"),
            Map.entry("description", "Description"),
            Map.entry("quantity", "Quantity"),
            Map.entry("unit_price", "Unit price"),
            Map.entry("tax_rate", "Tax %"),
            Map.entry("line", "Line"),
            Map.entry("lines", "Lines"),
            Map.entry("created", "Created"),
            Map.entry("deleted", "Deleted"));

    private FieldLabels() {}

    /** The label of a column; an unknown one reads as words ("some_column" → "Some column"). */
    public static String of(String column) {
        if (column == null || column.isBlank()) {
            return "";
        }
        String known = LABELS.get(column);
        if (known != null) {
            return known;
        }
        String words = column.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
