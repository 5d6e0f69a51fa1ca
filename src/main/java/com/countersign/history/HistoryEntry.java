package com.countersign.history;

import java.time.Instant;

/** One transaction that changed a proforma (its header, its lines, or both). */
public record HistoryEntry(long txid, Instant at, String actor, String reason, Long changeSetId, String what) {}
