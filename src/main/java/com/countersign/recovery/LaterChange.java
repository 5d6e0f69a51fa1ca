package com.countersign.recovery;

import java.time.Instant;
import java.util.List;

/** One later write to a conflicting proforma: who, when, under which change set, which fields. */
public record LaterChange(Instant at, String actor, Long changeSetId, String operation, List<String> fields) {}
