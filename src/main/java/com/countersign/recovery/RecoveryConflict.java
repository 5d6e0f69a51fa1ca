package com.countersign.recovery;

import java.util.List;

/** A proforma changed by someone else after the state to restore, and what the draft does with it. */
public record RecoveryConflict(long proformaId, String number, ConflictChoice.Resolution resolution,
        List<String> fields, List<LaterChange> laterChanges) {}
