package com.countersign.approval;

import com.countersign.base.FourEyesRule;
import com.countersign.base.NotFoundException;
import com.countersign.security.ApprovalStandings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.engine.ManagementService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.Task;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The review tasks of the risky-change process, seen through the change sets they decide. */
@Component
class ReviewTasks {

    private final TaskService tasks;
    private final ManagementService management;
    private final ChangeSets changeSets;
    private final ApprovalStandings standings;

    ReviewTasks(TaskService tasks, ManagementService management, ChangeSets changeSets, ApprovalStandings standings) {
        this.standings = standings;
        this.tasks = tasks;
        this.management = management;
        this.changeSets = changeSets;
    }

    /**
     * Tasks of my groups and my own claimed tasks, never those deciding my own requests nor those the
     * four-eyes rule keeps from me (my role is too fresh, or the requester gave it to me).
     */
    List<ReviewTask> inboxOf(String me, Set<String> roles) {
        List<Task> open = tasks.createTaskQuery()
                .processDefinitionKey(ApprovalService.PROCESS)
                .or().taskAssignee(me).taskCandidateGroupIn(roles).endOr()
                .processVariableValueNotEquals("requester", me)
                .includeProcessVariables()
                .orderByTaskCreateTime().asc()
                .listPage(0, 500);
        Map<ReviewStep, FourEyesRule.Standing> standing = new EnumMap<>(ReviewStep.class);
        for (ReviewStep step : ReviewStep.values()) {
            standing.put(step, standings.of(me, step.deciding()));
        }
        return open.stream()
                .map(task -> toReviewTask(task, changeSetIdOf(task)))
                .filter(review -> !wasFirstApprover(review, me))
                .filter(review -> mayDecide(review, me, standing))
                .toList();
    }

    private boolean mayDecide(ReviewTask review, String me, Map<ReviewStep, FourEyesRule.Standing> standing) {
        ReviewStep step = ReviewStep.valueOf(review.step());
        try {
            FourEyes.check(review.changeSet(), step, me, List.of(), standing.get(step));
            return true;
        } catch (FourEyesViolation refused) {
            return false;
        }
    }

    void claim(String taskId, String me, Set<String> roles) {
        Task task = open(taskId);
        ChangeSetSummary changeSet = requireMayDecide(task, me, roles);
        if (task.getAssignee() != null && !task.getAssignee().equals(me)) {
            throw new IllegalStateException("Change set " + changeSet.id() + " is already claimed by " + task.getAssignee());
        }
        tasks.setAssignee(taskId, me);
        changeSets.event(changeSet.id(), me, "Claimed for " + stepName(task));
    }

    void unclaim(String taskId, String me) {
        Task task = open(taskId);
        if (!me.equals(task.getAssignee())) {
            throw new IllegalStateException("Only " + task.getAssignee() + " can give this task back");
        }
        tasks.unclaim(taskId);
        changeSets.event(changeSetIdOf(task), me, "Gave the " + stepName(task) + " back");
    }

    void decide(String taskId, String me, Set<String> roles, boolean approve, String comment) {
        Task offered = offeredTask(taskId, me, roles);
        Task task = offered != null ? offered : open(taskId); // not offered to me: refused below, with the reason
        ChangeSetSummary changeSet = requireMayDecide(task, me, roles, offered != null);
        if (task.getAssignee() != null && !task.getAssignee().equals(me)) {
            throw new IllegalStateException("Change set " + changeSet.id() + " is claimed by " + task.getAssignee());
        }
        if (changeSet.status() != ChangeSetStatus.PENDING_REVIEW) {
            throw new IllegalStateException("Change set " + changeSet.id() + " is " + changeSet.status());
        }
        ReviewStep step = ReviewStep.ofTaskKey(task.getTaskDefinitionKey());
        String remark = comment == null || comment.isBlank() ? "" : ": " + comment;
        String event = !approve ? "Rejected" + remark
                : step == ReviewStep.REVIEW && changeSet.riskTier() == RiskTier.HIGH
                        ? "Approved; high tier, waiting for a manager's second approval" + remark
                        : "Approved" + remark + "; applying";
        changeSets.decision(changeSet.id(), step, me, approve, comment, event); // the database moves the status
        boolean assign = task.getAssignee() == null;
        // one engine command: the task is read once, and assigning and completing it are flushed together
        management.executeCommand(context -> {
            if (assign) {
                tasks.setAssignee(taskId, me); // the process checks the assignee when the task completes
            }
            tasks.complete(taskId, Map.of("approved", approve));
            return null;
        });
    }

    /**
     * The open review task if {@code me} may take it up: assigned to me, or unassigned and offered to
     * one of my groups. Null otherwise, and the caller finds out why.
     */
    private Task offeredTask(String taskId, String me, Set<String> roles) {
        return tasks.createTaskQuery().taskId(taskId).processDefinitionKey(ApprovalService.PROCESS)
                .or().taskAssignee(me).taskCandidateGroupIn(roles).endOr()
                .includeProcessVariables().singleResult();
    }

    private ChangeSetSummary requireMayDecide(Task task, String me, Set<String> roles) {
        return requireMayDecide(task, me, roles, false);
    }

    /**
     * Four-eyes first, then whether {@code me} is offered the task at all (known already when it came
     * from {@link #offeredTask}); the change set to decide.
     */
    private ChangeSetSummary requireMayDecide(Task task, String me, Set<String> roles, boolean knownOffered) {
        long changeSetId = changeSetIdOf(task);
        ChangeSets.Deciding changeSet = changeSets.findDeciding(changeSetId).orElseThrow();
        ReviewStep step = ReviewStep.ofTaskKey(task.getTaskDefinitionKey());
        FourEyes.check(changeSet.summary(), step, me, changeSet.reviewApprovers(), standings.of(me, step.deciding()));
        if (!knownOffered && !me.equals(task.getAssignee()) && !offeredTo(task, roles)) {
            throw new AccessDeniedException(me + " is not among those who may decide the " + stepName(task)
                    + " of change set " + changeSetId);
        }
        return changeSet.summary();
    }

    private boolean offeredTo(Task task, Set<String> roles) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId)
                .anyMatch(roles::contains);
    }

    private Task open(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).processDefinitionKey(ApprovalService.PROCESS)
                .includeProcessVariables().singleResult();
        if (task == null) {
            throw new NotFoundException("This review is no longer open (decided, expired or taken back)");
        }
        return task;
    }

    private ReviewTask toReviewTask(Task task, long changeSetId) {
        ChangeSetSummary changeSet = changeSets.find(changeSetId).orElseThrow().summary();
        return new ReviewTask(task.getId(), ReviewStep.ofTaskKey(task.getTaskDefinitionKey()).name(), task.getAssignee(),
                task.getCreateTime().toInstant(), changeSet);
    }

    private boolean wasFirstApprover(ReviewTask review, String me) {
        return review.isSecondApproval() && changeSets.decisions(review.changeSet().id()).stream()
                .anyMatch(d -> d.approved() && d.decidedBy().equals(me));
    }

    private static long changeSetIdOf(Task task) {
        Object id = task.getProcessVariables().get("changeSetId");
        if (id == null) {
            throw new FlowableObjectNotFoundException("Task " + task.getId() + " has no change set");
        }
        return ((Number) id).longValue();
    }

    private static String stepName(Task task) {
        return ReviewStep.ofTaskKey(task.getTaskDefinitionKey()) == ReviewStep.REVIEW ? "review" : "second approval";
    }
}
