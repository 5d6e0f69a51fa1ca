package com.countersign.recovery;

import java.util.List;

/**
 * A proforma changed by someone else after the state to restore, and what the draft does with it:
 * {@code fields} are those the draft restores (all when not narrowed), {@code restorable} those a
 * person may choose from, {@code laterChanges} what was written to it since.
 */
public record RecoveryConflict(long proformaId, String number, ConflictChoice.Resolution resolution,
        List<String> fields, List<String> restorable, List<LaterChange> laterChanges) {}
