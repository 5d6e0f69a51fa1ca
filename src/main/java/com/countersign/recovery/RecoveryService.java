package com.countersign.recovery;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.ChangeSetDraft;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.ChangeSetSummary;
import com.countersign.approval.RestoreRequest;
import com.countersign.base.WriteGate;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recovery from history: undo a change set, or restore proformas to a point in time. Either is a
 * RESTORE change set through the same approval as any risky change; this service works out what
 * it restores and hands the rest to {@link ApprovalService}.
 */
@Service
@Transactional(readOnly = true)
public class RecoveryService {

    static final String RECOVERERS = "hasAnyRole('MANAGER', 'ADMIN')";

    private final ApprovalService approvals;
    private final RecoveryPlans plans;
    private final RecoveryReports reports;
    private final ObjectMapper json;
    private final WriteGate writeGate;

    RecoveryService(ApprovalService approvals, RecoveryPlans plans, RecoveryReports reports, ObjectMapper json,
            WriteGate writeGate) {
        this.approvals = approvals;
        this.writeGate = writeGate;
        this.plans = plans;
        this.reports = reports;
        this.json = json;
    }

    /**
     * The inverse of exactly what the change set changed; proformas changed since are conflicts.
     * A preview reads history and the live tables in several statements; one snapshot for all of
     * them (repeatable read) keeps the staged lines, headers and previewed versions consistent with
     * each other while others keep editing. It only inserts its own rows, so it never has to retry.
     */
    @PreAuthorize(RECOVERERS)
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public RecoveryDraft previewUndo(long changeSetId, Map<Long, ConflictChoice> choices) {
        ChangeSetSummary undone = approvals.detail(changeSetId).summary();
        if (undone.status() != ChangeSetStatus.APPLIED) {
            throw new IllegalStateException("Change set " + changeSetId + " is " + undone.status() + "; only an applied one can be undone");
        }
        String parameters = json.createObjectNode().put("undo", changeSetId).toString();
        ChangeSetDraft draft = approvals.previewRestore(new RestoreRequest("undo of change set " + changeSetId, parameters,
                id -> plans.undo(id, changeSetId, choices)));
        return draftOf(draft);
    }

    /** All proformas, or those matching the filter, back to their state at T; one snapshot, as {@link #previewUndo}. */
    @PreAuthorize(RECOVERERS)
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public RecoveryDraft previewPointInTime(PointInTimeRestore restore, Map<Long, ConflictChoice> choices) {
        String parameters = json.createObjectNode().put("at", restore.at().toString())
                .put("cancelCreatedAfter", restore.cancelCreatedAfter()).toString();
        String selection = (restore.filter().equals(com.countersign.proforma.ProformaFilter.ALL) ? "all proformas"
                : "proformas matching " + restore.filter()) + " as of " + restore.at();
        ChangeSetDraft draft = approvals.previewRestore(new RestoreRequest(selection, parameters,
                id -> plans.pointInTime(id, restore, choices)));
        return draftOf(draft);
    }

    @PreAuthorize(RECOVERERS)
    @Transactional
    public ChangeSetSummary submit(long restoreChangeSetId, String reason) {
        // A restore writes proformas: submitted while editing is locked, it would be approved and
        // then fail at apply time. Refused now, with the lock's message; the draft stays as it is.
        writeGate.requireOpen();
        return approvals.submitRestore(restoreChangeSetId, reason);
    }

    @PreAuthorize(RECOVERERS)
    @Transactional
    public void discard(long restoreChangeSetId) {
        approvals.discardRestore(restoreChangeSetId);
    }

    @PreAuthorize(RECOVERERS)
    public List<RecoveryConflict> conflicts(long restoreChangeSetId, int offset, int limit) {
        approvals.detail(restoreChangeSetId);
        return plans.conflicts(restoreChangeSetId, offset, limit);
    }

    @PreAuthorize(RECOVERERS)
    public int conflictCount(long restoreChangeSetId) {
        approvals.detail(restoreChangeSetId);
        return plans.conflictCount(restoreChangeSetId);
    }

    private RecoveryDraft draftOf(ChangeSetDraft draft) {
        return new RecoveryDraft(draft, plans.conflictCount(draft.id()),
                plans.conflicts(draft.id(), 0, RecoveryDraft.FIRST_PAGE));
    }

    @PreAuthorize(RECOVERERS)
    public List<ChangeSetSummary> recentChangeSets(int limit) {
        return approvals.recent(limit);
    }

    /** Transactions, newest first, that wrote at least {@code minProformas} proformas since {@code since}. */
    @PreAuthorize(RECOVERERS)
    public List<ChangedRows> largeTransactions(Instant since, int minProformas, int limit) {
        return reports.largeTransactions(since, minProformas, limit);
    }

    @PreAuthorize(RECOVERERS)
    public ChangeSummary changesBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("The period ends before it starts");
        }
        return reports.changesBetween(from, to);
    }
}
