package com.countersign.approval;

import java.util.List;

/** A previewed change set not yet submitted: exact counts and why it is risky. */
public record ChangeSetDraft(long id, BulkOperation operation, int proformaCount, int lineCount, int previewRows,
        RiskTier riskTier, List<String> riskReasons) {}
