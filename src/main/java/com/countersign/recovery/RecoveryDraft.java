package com.countersign.recovery;

import com.countersign.approval.ChangeSetDraft;
import java.util.List;

/** A previewed RESTORE change set and the proformas changed since by someone else, with their resolution. */
public record RecoveryDraft(ChangeSetDraft changeSet, List<RecoveryConflict> conflicts) {}
