package com.countersign.proforma;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the list shows: number and customer match from their start, case-insensitively; dates are
 * inclusive. Empty parts do not filter.
 */
public record ProformaFilter(
        String numberPrefix, String customerPrefix, Set<ProformaStatus> statuses, LocalDate issuedFrom,
        LocalDate issuedTo) {

    public static final ProformaFilter ALL = new ProformaFilter(null, null, Set.of(), null, null);

    public ProformaFilter {
        numberPrefix = trimToNull(numberPrefix);
        customerPrefix = trimToNull(customerPrefix);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (issuedFrom != null && issuedTo != null && issuedTo.isBefore(issuedFrom)) {
            throw new IllegalArgumentException("The issue-date range ends before it starts");
        }
    }

    /** This filter as SQL over {@code proforma p}, for work that must stay inside the database. */
    public SqlCondition toSql() {
        return ProformaQueries.condition(this);
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
