package com.countersign.deployment;

import com.countersign.lock.DeploymentEditLock;
import com.countersign.security.ApprovalStandings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What workflows/deployment.bpmn20.xml does besides waiting for people, called by expression
 * ({@code ${deploymentSteps.run(changeSetId)}}). Each step is safe to run twice.
 */
@Component("deploymentSteps")
class DeploymentSteps {

    private static final String SYSTEM = "system";

    private final Deployments deployments;
    private final DeploymentRun run;
    private final DeploymentEditLock editLock;
    private final TransactionTemplate newTransaction;
    private final ApprovalStandings standings;

    DeploymentSteps(Deployments deployments, DeploymentRun run, DeploymentEditLock editLock,
            PlatformTransactionManager transactions, ApprovalStandings standings) {
        this.standings = standings;
        this.deployments = deployments;
        this.run = run;
        this.editLock = editLock;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Locks editing for this deployment; if it cannot (an incident lock, say), the deployment fails. */
    public void lock(long changeSetId) {
        DeploymentSummary deployment = deployments.findByChangeSet(changeSetId).orElseThrow().summary();
        try {
            editLock.lock(changeSetId, "Deployment " + deployment.id() + " (" + deployment.releaseRef() + ") is running: "
                    + deployment.title());
            newTransaction.executeWithoutResult(tx -> deployments.event(changeSetId, SYSTEM, "Editing locked for the run"));
        } catch (RuntimeException e) {
            String reason = "Could not lock editing: " + Failures.reasonOf(e);
            newTransaction.executeWithoutResult(tx -> {
                deployments.failed(changeSetId, reason, "Failed, nothing was run: " + reason);
            });
        }
    }

    public void run(long changeSetId) {
        run.run(changeSetId);
    }

    public void unlock(long changeSetId) {
        if (editLock.unlock(changeSetId, "Deployment finished")) {
            newTransaction.executeWithoutResult(tx -> deployments.event(changeSetId, SYSTEM, "Editing unlocked"));
        }
    }

    public void record(long changeSetId) {
        Deployments.DeploymentRow deployment = deployments.findByChangeSet(changeSetId).orElseThrow();
        DeploymentSummary summary = deployment.summary();
        String message = switch (summary.status()) {
            case "APPLIED" -> "Deployment " + summary.id() + " ran: " + summary.expectedCount() + " proforma(s) changed.";
            case "FAILED" -> "Deployment " + summary.id() + " failed and changed nothing: " + deployment.failureReason();
            case "REJECTED" -> "Deployment " + summary.id() + " was rejected.";
            default -> "Deployment " + summary.id() + " is " + summary.status() + ".";
        };
        deployments.notify(changeSetId, summary.submittedBy(), message);
        deployments.event(changeSetId, SYSTEM, "Outcome: " + summary.status());
    }

    /** The process's own four-eyes check when a review task completes, however it was completed. */
    public void checkDecider(long changeSetId, String assignee, String taskKey) {
        Deployments.DeploymentRow deployment = deployments.findByChangeSet(changeSetId).orElseThrow();
        DeploymentFourEyes.check(deployment.summary(), taskKey, assignee, deployments.decisions(changeSetId), standings);
    }
}
