package com.countersign.deployment;

import java.time.Instant;

/** A deployment in the list; its status is that of the change set it is bound to. */
public record DeploymentSummary(long id, String title, String releaseRef, String submittedBy, Instant submittedAt,
        boolean flagged, String status, long changeSetId, Integer expectedCount) {}
