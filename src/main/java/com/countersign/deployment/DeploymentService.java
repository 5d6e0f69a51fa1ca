package com.countersign.deployment;

import static com.countersign.base.db.WriteContext.currentActor;
import static com.countersign.base.db.WriteContext.currentRoles;

import com.countersign.base.NotFoundException;
import com.countersign.security.ApprovalStandings;
import java.util.List;
import java.util.Map;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data-fix deployments: submit (parse, dry run, start workflows/deployment.bpmn20.xml), follow,
 * decide. The only way into the deployment process; no Flowable type leaves this package.
 */
@Service
public class DeploymentService {

    static final String PROCESS = "deployment";
    static final String READERS = "hasAnyRole('ADMIN', 'REVIEWER', 'MANAGER')";
    static final String DECIDERS = "hasAnyRole('REVIEWER', 'MANAGER')";

    private final Deployments deployments;
    private final DryRun dryRun;
    private final DeploymentLimits limits;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final TransactionTemplate transaction;
    private final ApprovalStandings standings;

    DeploymentService(Deployments deployments, DryRun dryRun, DeploymentLimits limits, RuntimeService runtime, TaskService tasks,
            PlatformTransactionManager transactions, ApprovalStandings standings) {
        this.standings = standings;
        this.deployments = deployments;
        this.dryRun = dryRun;
        this.limits = limits;
        this.runtime = runtime;
        this.tasks = tasks;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Parses the script and dry-runs it; a refused or failing script throws {@link ScriptRefused}. */
    @PreAuthorize("hasRole('ADMIN')")
    public DryRunReport check(String script) {
        return dryRun.run(DeploymentScript.parse(script, limits), currentActor(), "Dry run");
    }

    /** Parses, dry-runs (rolled back) and submits for review with the dry run's exact count. */
    @PreAuthorize("hasRole('ADMIN')")
    public DeploymentSummary submit(DeploymentRequest request) {
        require(request.title(), "Give the deployment a title", 200);
        require(request.releaseRef(), "Name the release this deployment belongs to", 100);
        if (request.description() != null && request.description().length() > 4000) {
            throw new IllegalArgumentException("The description has at most 4000 characters");
        }
        List<ScriptStatement> statements = DeploymentScript.parse(request.script(), limits);
        String me = currentActor();
        DryRun.Outcome dryRunOutcome = dryRun.runForTargets(statements, me, "Dry run: " + request.title().strip());
        DryRunReport report = dryRunOutcome.report();
        long id = transaction.execute(tx -> {
            long changeSetId = deployments.insertChangeSet("Deployment " + request.releaseRef().strip() + ": "
                    + request.title().strip(), me, report, dryRunOutcome.proformas(),
                    "Submitted for review; dry run: " + report.proformas() + " proforma(s)"
                            + (report.flagged() ? ", flagged: needs a manager's second approval" : ""));
            long deploymentId = deployments.insert(changeSetId, request, me, report);
            String processInstanceId = runtime.startProcessInstanceByKey(PROCESS, Long.toString(changeSetId), Map.of(
                    "changeSetId", changeSetId, "deploymentId", deploymentId, "requester", me,
                    "flagged", report.flagged())).getId();
            deployments.processStarted(changeSetId, processInstanceId);
            return deploymentId;
        });
        return deployments.find(id).orElseThrow().summary();
    }

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<DeploymentSummary> list(int offset, int limit) {
        return deployments.list(offset, limit).stream().map(Deployments.DeploymentRow::summary).toList();
    }

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public int count() {
        return deployments.count();
    }

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public DeploymentDetail detail(long id) {
        Deployments.DeploymentRow row = find(id);
        Task open = openTask(row);
        return new DeploymentDetail(row.summary(), row.description(), row.script(), row.dryRun(),
                deployments.decisions(row.changeSetId()), deployments.timeline(row.changeSetId()), row.runLog(),
                row.failureReason(), open == null ? null : DeploymentFourEyes.stepOf(open.getTaskDefinitionKey()));
    }

    @PreAuthorize(DECIDERS)
    @Transactional
    public void approve(long id, String comment) {
        decide(id, true, comment);
    }

    @PreAuthorize(DECIDERS)
    @Transactional
    public void reject(long id, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("Say why the deployment is rejected");
        }
        decide(id, false, comment.strip());
    }

    private void decide(long id, boolean approve, String comment) {
        Deployments.DeploymentRow row = find(id);
        long changeSetId = row.changeSetId();
        if (!"PENDING_REVIEW".equals(deployments.status(changeSetId))) { // checked again, row locked, as it is decided
            throw new IllegalStateException("Deployment " + id + " is " + row.summary().status() + ", not waiting for review");
        }
        Task task = openTask(row);
        if (task == null) {
            throw new IllegalStateException("Deployment " + id + " has no open review");
        }
        String me = currentActor();
        String step = DeploymentFourEyes.stepOf(task.getTaskDefinitionKey());
        String group = DeploymentFourEyes.REVIEW.equals(step) ? "REVIEWER" : "MANAGER";
        if (!currentRoles().contains(group)) {
            throw new AccessDeniedException("The " + (group.equals("REVIEWER") ? "review" : "second approval")
                    + " of deployment " + id + " is for a " + group.toLowerCase());
        }
        DeploymentFourEyes.check(row.summary(), task.getTaskDefinitionKey(), me, deployments.decisions(changeSetId), standings);
        if (task.getAssignee() != null && !task.getAssignee().equals(me)) {
            throw new IllegalStateException("Deployment " + id + " is claimed by " + task.getAssignee());
        }
        tasks.setAssignee(task.getId(), me); // the process checks the assignee when the task completes
        String said = comment == null || comment.isBlank() ? "" : ": " + comment.strip();
        String event = !approve ? "Rejected" + said
                : DeploymentFourEyes.REVIEW.equals(step) && row.summary().flagged()
                        ? "Approved; flagged, waiting for a manager's second approval" + said
                        : "Approved" + said + "; editing will be locked for the run";
        // the database moves the status and refuses the submitter's own decision
        deployments.decision(changeSetId, step, me, approve, comment == null || comment.isBlank() ? null : comment.strip(),
                event);
        tasks.complete(task.getId(), Map.of("approved", approve));
    }

    private Task openTask(Deployments.DeploymentRow row) {
        if (row.processInstanceId() == null) {
            return null;
        }
        return tasks.createTaskQuery().processInstanceId(row.processInstanceId()).processDefinitionKey(PROCESS)
                .singleResult();
    }

    private Deployments.DeploymentRow find(long id) {
        return deployments.find(id).orElseThrow(() -> new NotFoundException("Deployment " + id + " does not exist"));
    }

    private static void require(String value, String message, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        if (value.strip().length() > max) {
            throw new IllegalArgumentException("At most " + max + " characters: " + value.strip().substring(0, 20) + "…");
        }
    }
}
