package com.countersign.approval;

import static com.countersign.base.db.WriteContext.currentActor;
import static com.countersign.base.db.WriteContext.currentRoles;

import com.countersign.base.NotFoundException;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Risky changes and their approval: preview, submit, decide, follow. The only way into the
 * Flowable process; nothing of Flowable leaves this package. Four-eyes is checked here and again
 * by the process itself when a review task completes.
 */
@Service
@Transactional(readOnly = true)
public class ApprovalService {

    static final String PROCESS = RiskyChangeProcess.KEY;
    static final String REQUESTERS = "hasAnyRole('STAFF', 'MANAGER')";
    static final String RECOVERERS = "hasAnyRole('MANAGER', 'ADMIN')";
    static final String DECIDERS = "hasAnyRole('REVIEWER', 'MANAGER')";

    private final ChangeSets changeSets;
    private final ChangeSetDrafts drafts;
    private final ReviewTasks reviewTasks;
    private final RiskyChangeProcess process;

    ApprovalService(ChangeSets changeSets, ChangeSetDrafts drafts, ReviewTasks reviewTasks, RiskyChangeProcess process) {
        this.changeSets = changeSets;
        this.drafts = drafts;
        this.reviewTasks = reviewTasks;
        this.process = process;
    }

    /** Pins the selected proformas and computes the exact preview; nothing changes until approved. */
    @PreAuthorize(REQUESTERS)
    @Transactional
    public ChangeSetDraft preview(BulkEditRequest request) {
        return drafts.bulk(request, currentActor());
    }

    @PreAuthorize("isAuthenticated()")
    public List<PreviewRow> previewPage(long changeSetId, int offset, int limit) {
        requireMayRead(changeSetId);
        return changeSets.preview(changeSetId, offset, limit);
    }

    @PreAuthorize("isAuthenticated()")
    public int previewSize(long changeSetId) {
        requireMayRead(changeSetId);
        return changeSets.previewSize(changeSetId);
    }

    @PreAuthorize(REQUESTERS)
    @Transactional
    public ChangeSetSummary submit(long changeSetId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why this change is needed");
        }
        ChangeSets.ChangeSetRow changeSet = draftOfMine(changeSetId);
        return process.start(changeSet, reason.strip());
    }

    /** A RESTORE change set from the state the recovery feature stages; see {@link RestoreRequest}. */
    @PreAuthorize(RECOVERERS)
    @Transactional
    public ChangeSetDraft previewRestore(RestoreRequest request) {
        return drafts.restore(request, currentActor());
    }

    @PreAuthorize(RECOVERERS)
    @Transactional
    public ChangeSetSummary submitRestore(long changeSetId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why this restore is needed");
        }
        ChangeSets.ChangeSetRow changeSet = draftOfMine(changeSetId);
        if (!"RESTORE".equals(changeSet.summary().kind())) {
            throw new IllegalArgumentException("Change set " + changeSetId + " is not a restore");
        }
        if (changeSet.summary().proformaCount() == null || changeSet.summary().proformaCount() == 0) {
            throw new IllegalStateException("Nothing to restore: no proforma differs from the state to restore");
        }
        return process.start(changeSet, reason.strip());
    }

    @PreAuthorize(RECOVERERS)
    @Transactional
    public void discardRestore(long changeSetId) {
        draftOfMine(changeSetId);
        changeSets.deleteDraft(changeSetId, currentActor());
    }

    /** Change sets of every requester, newest first, for the recovery view. */
    @PreAuthorize(RECOVERERS)
    public List<ChangeSetSummary> recent(int limit) {
        return changeSets.recent(limit);
    }

    @PreAuthorize(REQUESTERS)
    @Transactional
    public void discard(long changeSetId) {
        draftOfMine(changeSetId);
        changeSets.deleteDraft(changeSetId, currentActor());
    }

    @PreAuthorize(DECIDERS)
    public List<ReviewTask> inbox() {
        return reviewTasks.inboxOf(currentActor(), currentRoles());
    }

    @PreAuthorize(DECIDERS)
    @Transactional
    public void claim(String taskId) {
        reviewTasks.claim(taskId, currentActor(), currentRoles());
    }

    @PreAuthorize(DECIDERS)
    @Transactional
    public void unclaim(String taskId) {
        reviewTasks.unclaim(taskId, currentActor());
    }

    @PreAuthorize(DECIDERS)
    @Transactional
    public void approve(String taskId, String comment) {
        reviewTasks.decide(taskId, currentActor(), currentRoles(), true, comment);
    }

    @PreAuthorize(DECIDERS)
    @Transactional
    public void reject(String taskId, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("Say why the change set is rejected");
        }
        reviewTasks.decide(taskId, currentActor(), currentRoles(), false, comment.strip());
    }

    @PreAuthorize("isAuthenticated()")
    public List<ChangeSetSummary> myRequests() {
        return changeSets.requestedBy(currentActor(), 200);
    }

    @PreAuthorize("isAuthenticated()")
    public List<Notification> myNotifications() {
        return changeSets.notificationsFor(currentActor(), 50);
    }

    @PreAuthorize("isAuthenticated()")
    public ChangeSetDetail detail(long changeSetId) {
        ChangeSetSummary summary = requireMayRead(changeSetId);
        return new ChangeSetDetail(summary, changeSets.decisions(changeSetId), changeSets.timeline(changeSetId));
    }

    private ChangeSets.ChangeSetRow draftOfMine(long changeSetId) {
        ChangeSets.ChangeSetRow changeSet = changeSets.find(changeSetId)
                .orElseThrow(() -> new NotFoundException("Change set " + changeSetId + " does not exist"));
        if (!changeSet.requester().equals(currentActor())) {
            throw new AccessDeniedException("Change set " + changeSetId + " belongs to " + changeSet.requester());
        }
        if (changeSet.status() != ChangeSetStatus.DRAFT) {
            throw new IllegalStateException("Change set " + changeSetId + " is already " + changeSet.status());
        }
        return changeSet;
    }

    private ChangeSetSummary requireMayRead(long changeSetId) {
        ChangeSetSummary summary = changeSets.find(changeSetId)
                .orElseThrow(() -> new NotFoundException("Change set " + changeSetId + " does not exist"))
                .summary();
        Set<String> roles = currentRoles();
        if (!summary.requestedBy().equals(currentActor()) && roles.stream().noneMatch(Set.of("REVIEWER", "MANAGER", "ADMIN")::contains)) {
            throw new AccessDeniedException("Only the requester and the approvers see change set " + changeSetId);
        }
        return summary;
    }
}
