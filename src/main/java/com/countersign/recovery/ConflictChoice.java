package com.countersign.recovery;

import java.util.Set;

/**
 * What to do with a proforma changed by someone else since: skip it (the default), restore it anyway,
 * or restore only the chosen fields (header column names, plus {@code "lines"} for its lines).
 */
public record ConflictChoice(Resolution resolution, Set<String> fields) {

    public enum Resolution { SKIP, RESTORE, FIELDS }

    public ConflictChoice {
        fields = fields == null ? Set.of() : Set.copyOf(fields);
        if (resolution == Resolution.FIELDS && fields.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one field to restore");
        }
        if (!RecoveryPlans.RESTORABLE.containsAll(fields)) {
            throw new IllegalArgumentException("Not restorable: " + fields + "; choose from " + RecoveryPlans.RESTORABLE);
        }
    }

    public static ConflictChoice skip() {
        return new ConflictChoice(Resolution.SKIP, Set.of());
    }

    public static ConflictChoice restoreAnyway() {
        return new ConflictChoice(Resolution.RESTORE, Set.of());
    }

    public static ConflictChoice only(String... fields) {
        return new ConflictChoice(Resolution.FIELDS, Set.of(fields));
    }
}
