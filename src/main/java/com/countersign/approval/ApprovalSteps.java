package com.countersign.approval;

import com.countersign.security.ApprovalStandings;
import java.util.List;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

/**
 * What the risky-change process does besides waiting for people, called from the BPMN by
 * expression ({@code ${approvalSteps.apply(changeSetId)}}). Each step is safe to run twice.
 */
@Component("approvalSteps")
class ApprovalSteps {

    static final String SYSTEM = "system";
    /** Transient (never stored): read by the gateway after apply in the same transaction. */
    static final String WAITS_FOR_UNLOCK = "waitsForUnlock";

    private final ChangeSets changeSets;
    private final ChangeSetApplier applier;
    private final TaskService tasks;
    private final EditingWait editingWait;
    private final ApprovalStandings standings;

    ApprovalSteps(ChangeSets changeSets, ChangeSetApplier applier, TaskService tasks, EditingWait editingWait,
            ApprovalStandings standings) {
        this.standings = standings;
        this.changeSets = changeSets;
        this.applier = applier;
        this.tasks = tasks;
        this.editingWait = editingWait;
    }

    /** The apply step of the process: tells the gateway after it whether to wait for the unlock. */
    public void apply(DelegateExecution execution, long changeSetId) {
        execution.setTransientVariable(WAITS_FOR_UNLOCK, applyOrWait(changeSetId));
    }

    /**
     * The apply step of the process as deployed before the wait existed, which instances started
     * before an upgrade keep: they go on to notify whatever happens, so there a change set that meets
     * locked editing fails with the lock's message, as it always did, rather than stay APPROVED
     * without a process to apply it.
     */
    public void apply(long changeSetId) {
        if (applyOrWait(changeSetId)) {
            editingWait.failInstead(changeSetId);
        }
    }

    /**
     * Applies; true when editing is locked and the change set, still APPROVED, waits for the unlock.
     * Then the lock stays share-locked until this job's transaction has stored the wait, so an unlock
     * committing meanwhile waits for it and its signal finds the waiting process. Unlocked between the
     * apply and that check: the apply runs again at once.
     */
    private boolean applyOrWait(long changeSetId) {
        while (applier.apply(changeSetId) == ChangeSetStatus.APPROVED) {
            if (editingWait.stillLocked(changeSetId)) {
                return true;
            }
        }
        return false;
    }

    /** An untouched review (nobody claimed it) is offered to the managers as well. */
    public void escalate(long changeSetId) {
        ChangeSets.ChangeSetRow changeSet = changeSets.find(changeSetId).orElseThrow();
        List<Task> open = tasks.createTaskQuery().processInstanceId(changeSet.processInstanceId())
                .taskDefinitionKey(ReviewStep.REVIEW.taskKey).list();
        for (Task task : open) {
            if (task.getAssignee() == null) {
                tasks.addCandidateGroup(task.getId(), "MANAGER");
                changeSets.event(changeSetId, SYSTEM, "Nobody took up the review in time: escalated to the managers");
            }
        }
    }

    public void expire(long changeSetId) {
        changeSets.expire(changeSetId, "Expired without a decision");
    }

    public void notifyRequester(long changeSetId) {
        ChangeSetSummary changeSet = changeSets.find(changeSetId).orElseThrow().summary();
        String message = switch (changeSet.status()) {
            case APPLIED -> "Change set " + changeSetId + " was approved and applied to "
                    + changeSet.proformaCount() + " proforma(s).";
            case FAILED -> "Change set " + changeSetId + " was approved but not applied: " + changeSet.failureReason();
            case REJECTED -> "Change set " + changeSetId + " was rejected: " + lastComment(changeSetId);
            case EXPIRED -> "Change set " + changeSetId + " expired without a decision.";
            default -> "Change set " + changeSetId + " is " + changeSet.status() + ".";
        };
        changeSets.notify(changeSetId, changeSet.requestedBy(), message);
    }

    /**
     * The process's own four-eyes check, run when a review task completes however it was completed:
     * the decider is the task's assignee and must be neither the requester nor the first approver, and
     * must hold a role of the step long enough, not given to them by the requester.
     */
    public void checkDecider(long changeSetId, String assignee, String taskKey) {
        ChangeSets.Deciding changeSet = changeSets.findDeciding(changeSetId).orElseThrow();
        ReviewStep step = ReviewStep.ofTaskKey(taskKey);
        FourEyes.check(changeSet.summary(), step, assignee, changeSet.reviewApprovers(),
                standings.of(assignee, step.deciding()));
    }

    private String lastComment(long changeSetId) {
        List<Decision> decisions = changeSets.decisions(changeSetId);
        return decisions.isEmpty() ? "" : String.valueOf(decisions.get(decisions.size() - 1).comment());
    }
}
