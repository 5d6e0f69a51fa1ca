package com.countersign.recovery;

import java.time.Instant;

/** One transaction from history that touched proformas: the recovery view lists the big ones. */
public record ChangedRows(long txid, Instant at, String actor, Long changeSetId, String reason, int proformas,
        int lines) {}
