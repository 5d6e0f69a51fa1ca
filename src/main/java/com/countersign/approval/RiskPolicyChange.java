package com.countersign.approval;

import java.time.Instant;

/** One audited change of the risk policy, with both versions as JSON text. */
public record RiskPolicyChange(Instant changedAt, String changedBy, String reason, String before, String after) {}
