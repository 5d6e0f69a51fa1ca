package com.countersign.approval;

import java.time.Instant;
import java.util.List;

public record ChangeSetSummary(long id, String kind, ChangeSetStatus status, String reason, String requestedBy,
        Instant createdAt, BulkOperation operation, String selection, Integer proformaCount, Integer lineCount,
        RiskTier riskTier, List<String> riskReasons, String failureReason) {}
