package com.countersign.approval;

/** What a bulk edit does to every selected proforma; the value's meaning depends on the operation. */
public enum BulkOperation {
    SET_STATUS("Set status", "New status"),
    SET_VALID_UNTIL("Set valid-until", "Date (yyyy-mm-dd)"),
    SHIFT_VALID_UNTIL("Shift valid-until", "Days (may be negative)"),
    SET_ISSUE_DATE("Set issue date", "Date (yyyy-mm-dd)"),
    SHIFT_ISSUE_DATE("Shift issue date", "Days (may be negative)"),
    SET_NOTES("Set notes", "Notes"),
    ADJUST_LINE_PRICES("Adjust line prices", "Percent (e.g. 5 or -2.5)"),
    SET_TAX_RATE("Set tax rate", "Tax rate in percent"),
    DELETE("Delete", null),
    /** A risky single edit: the whole proposed content of one proforma. */
    REPLACE_CONTENT("Edit one proforma", null),
    /** Recovery: the state computed from history (undo of a change set, or a point in time) is written back. */
    RESTORE("Restore from history", null);

    private final String label;
    private final String valueLabel;

    BulkOperation(String label, String valueLabel) {
        this.label = label;
        this.valueLabel = valueLabel;
    }

    public String label() {
        return label;
    }

    /** What to ask for, or null when the operation takes no value. */
    public String valueLabel() {
        return valueLabel;
    }

    public boolean offeredInBulk() {
        return this != REPLACE_CONTENT && this != RESTORE;
    }
}
