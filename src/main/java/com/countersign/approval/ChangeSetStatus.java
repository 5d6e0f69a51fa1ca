package com.countersign.approval;

public enum ChangeSetStatus {
    DRAFT, PENDING_REVIEW, APPROVED, APPLYING, APPLIED, REJECTED, FAILED, EXPIRED;

    public boolean isFinal() {
        return this == APPLIED || this == REJECTED || this == FAILED || this == EXPIRED;
    }
}
