package com.countersign.recovery;

import com.countersign.approval.ChangeSetDraft;
import java.util.List;

/**
 * A previewed RESTORE change set, how many proformas changed since by someone else (conflicts),
 * and the first page of them with their resolution; {@link RecoveryService#conflicts} pages on.
 */
public record RecoveryDraft(ChangeSetDraft changeSet, int conflictCount, List<RecoveryConflict> conflicts) {

    public static final int FIRST_PAGE = 50;
}
