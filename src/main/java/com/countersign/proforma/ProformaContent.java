package com.countersign.proforma;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/** Everything a person edits on a proforma: the header fields and the lines, in order. */
public record ProformaContent(
        String customerName,
        String customerAddress,
        String customerVatId,
        LocalDate issueDate,
        LocalDate validUntil,
        Currency currency,
        ProformaStatus status,
        String notes,
        List<ProformaLine> lines) {

    public ProformaContent {
        customerName = requireText(customerName, "Customer name");
        customerAddress = requireText(customerAddress, "Customer address");
        customerVatId = blankToNull(customerVatId);
        notes = blankToNull(notes);
        Objects.requireNonNull(issueDate, "Issue date is required");
        Objects.requireNonNull(validUntil, "Valid-until date is required");
        Objects.requireNonNull(currency, "Currency is required");
        Objects.requireNonNull(status, "Status is required");
        if (validUntil.isBefore(issueDate)) {
            throw new IllegalArgumentException("Valid until cannot be before the issue date");
        }
        lines = List.copyOf(lines);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
