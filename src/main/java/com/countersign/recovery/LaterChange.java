package com.countersign.recovery;

import java.time.Instant;
import java.util.List;

/**
 * One later write to a conflicting proforma: who, when, under which change set, which fields (or
 * lines, as "line N"), each with its value before and after that write.
 */
public record LaterChange(Instant at, String actor, Long changeSetId, String operation, List<String> fields,
        List<FieldChange> changes) {

    /** A field or line before and after the write; null where it did not exist. */
    public record FieldChange(String field, String before, String after) {}
}
