package com.countersign.proforma;

/** The edit was risky: nothing was saved, it waits for approval as a change set instead. */
public class EditNeedsApprovalException extends RuntimeException {

    private final long proformaId;
    private final long changeSetId;

    EditNeedsApprovalException(long proformaId, long changeSetId) {
        super("This change is risky and needs approval: it was submitted as change set " + changeSetId
                + " (see My requests). Nothing was saved yet.");
        this.proformaId = proformaId;
        this.changeSetId = changeSetId;
    }

    public long proformaId() {
        return proformaId;
    }

    public long changeSetId() {
        return changeSetId;
    }
}
