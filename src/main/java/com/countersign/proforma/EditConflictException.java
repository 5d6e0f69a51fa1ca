package com.countersign.proforma;

import java.util.Optional;

/**
 * Someone else saved the proforma after it was opened. Carries their version when it was read in
 * the same transaction, so the person can compare before deciding; nothing was written.
 */
public class EditConflictException extends RuntimeException {

    private final long proformaId;
    private final transient ProformaSnapshot theirs;

    EditConflictException(long proformaId, ProformaSnapshot theirs) {
        super(theirs == null
                ? "Proforma " + proformaId + " was changed by someone else while you were editing it"
                : theirs.number() + " was changed by " + theirs.updatedBy() + " at " + theirs.updatedAt()
                        + " while you were editing it");
        this.proformaId = proformaId;
        this.theirs = theirs;
    }

    public long proformaId() {
        return proformaId;
    }

    public Optional<ProformaSnapshot> theirs() {
        return Optional.ofNullable(theirs);
    }
}
