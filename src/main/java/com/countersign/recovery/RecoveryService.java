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
    private final IntegrityChecks integrity;

    RecoveryService(ApprovalService approvals, RecoveryPlans plans, RecoveryReports reports, ObjectMapper json,
            WriteGate writeGate, IntegrityChecks integrity) {
        this.approvals = approvals;
        this.integrity = integrity;
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

    /**
     * Proformas the integrity check found changed without a trace, back to their last recorded
     * state: a RESTORE change set through approval like any other, of the newest check's findings
     * (all of them, or only those given).
     */
    @PreAuthorize(RECOVERERS)
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public RecoveryDraft previewLastRecorded(long checkId, java.util.Collection<Long> only,
            Map<Long, ConflictChoice> choices) {
        IntegrityReport latest = integrity.latest();
        if (!latest.ran() || latest.checkId() != checkId) {
            throw new IllegalStateException("A newer integrity check has run since; look at its findings and restore from there");
        }
        List<Long> proformas = integrity.allFindings(checkId).stream()
                .filter(id -> only.isEmpty() || only.contains(id)).toList();
        if (!only.isEmpty() && proformas.size() < only.size()) {
            throw new IllegalArgumentException("Only proformas the integrity check found can be restored to their last recorded state");
        }
        if (proformas.isEmpty()) {
            throw new IllegalStateException("The integrity check found nothing changed without a trace; there is nothing to restore");
        }
        String parameters = json.createObjectNode().put("integrityCheck", checkId).toString();
        ChangeSetDraft draft = approvals.previewRestore(new RestoreRequest(
                "last recorded state of " + proformas.size() + " proformas changed without a trace (integrity check " + checkId + ")",
                parameters, id -> plans.lastRecorded(id, proformas)));
        return draftOf(draft);
    }

    /** Compares every proforma with its history now, and returns what it found. */
    @PreAuthorize(RECOVERERS)
    @Transactional
    public IntegrityReport checkIntegrity() {
        integrity.run("ON_DEMAND", com.countersign.base.db.WriteContext.currentActor());
        return integrity.latest();
    }

    @PreAuthorize(RECOVERERS)
    public IntegrityReport latestIntegrityCheck() {
        return integrity.latest();
    }

    /** What history last recorded of the proforma beside what it is now. */
    @PreAuthorize(RECOVERERS)
    public List<IntegrityReport.Difference> untracedDifferences(long proformaId) {
        return integrity.differences(proformaId);
    }

    @PreAuthorize(RECOVERERS)
    public List<IntegrityReport.StructureChange> structureChanges(int limit) {
        return integrity.structureChanges(limit);
    }

    @PreAuthorize(RECOVERERS)
    public boolean structureAuditInstalled() {
        return integrity.structureAuditInstalled();
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
