package com.countersign.proforma;

/** The columns the list can be sorted by; anything else is refused rather than passed to SQL. */
public enum ProformaSort {
    NUMBER("p.number"),
    CUSTOMER("lower(p.customer_name)"),
    ISSUE_DATE("p.issue_date"),
    VALID_UNTIL("p.valid_until"),
    STATUS("p.status"),
    UPDATED_AT("p.updated_at");

    final String column;

    ProformaSort(String column) {
        this.column = column;
    }

    public record Order(ProformaSort column, boolean descending) {}
}
