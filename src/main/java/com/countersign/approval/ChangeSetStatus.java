package com.countersign.approval;

public enum ChangeSetStatus {
    DRAFT("Draft"), PENDING_REVIEW("Waiting for review"), APPROVED("Approved"), APPLYING("Being applied"),
    APPLIED("Applied"), REJECTED("Rejected"), FAILED("Failed"), EXPIRED("Expired");

    private final String label;

    ChangeSetStatus(String label) {
        this.label = label;
    }

    /** How people read the status ("Waiting for review"); the constant's name is for code and SQL. */
    public String label() {
        return label;
    }

    public boolean isFinal() {
        return this == APPLIED || this == REJECTED || this == FAILED || this == EXPIRED;
    }
}
