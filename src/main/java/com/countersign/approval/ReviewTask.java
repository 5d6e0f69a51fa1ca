package com.countersign.approval;

import java.time.Instant;

/** A decision waiting in someone's inbox; taskId is opaque to the caller. */
public record ReviewTask(String taskId, String step, String assignee, Instant createdAt, ChangeSetSummary changeSet) {

    public boolean isSecondApproval() {
        return ReviewStep.SECOND_APPROVAL.name().equals(step);
    }
}
