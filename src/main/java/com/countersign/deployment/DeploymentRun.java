package com.countersign.deployment;

import com.countersign.base.db.WriteContext;
import com.countersign.lock.DeploymentEditLock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an approved script in one transaction under its change set's token, or not at all. Every
 * statement must change exactly the rows it changed in the dry run, and at commit the guard checks
 * that exactly the dry run's proformas were touched: any drift rolls everything back and the change
 * set is FAILED (recorded in a transaction of its own). Idempotent by status, like the approval's
 * applier: a re-delivered job finds APPLIED or FAILED and does nothing. The script is parsed and
 * checked again, and each statement runs in the {@link Sandbox} as in the dry run.
 */
@Component
class DeploymentRun {

    private final Deployments deployments;
    private final DeploymentEditLock editLock;
    private final WriteContext writeContext;
    private final Sandbox sandbox;
    private final DeploymentLimits limits;
    private final TransactionTemplate newTransaction;

    DeploymentRun(Deployments deployments, DeploymentEditLock editLock, WriteContext writeContext, Sandbox sandbox,
            DeploymentLimits limits, PlatformTransactionManager transactions) {
        this.deployments = deployments;
        this.editLock = editLock;
        this.writeContext = writeContext;
        this.sandbox = sandbox;
        this.limits = limits;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void run(long changeSetId) {
        List<RunLogEntry> log = new ArrayList<>();
        try {
            newTransaction.executeWithoutResult(tx -> runNow(changeSetId, log));
        } catch (TransientDataAccessException e) {
            throw e; // the job is retried; nothing was committed
        } catch (RuntimeException e) {
            String reason = Failures.reasonOf(e);
            newTransaction.executeWithoutResult(tx -> {
                if (deployments.failed(changeSetId, reason, "Failed and rolled back, nothing was changed: " + reason)) {
                    deployments.runLog(changeSetId, log);
                }
            });
        }
    }

    private void runNow(long changeSetId, List<RunLogEntry> log) {
        if (!"APPROVED".equals(deployments.status(changeSetId))) {
            return;
        }
        Deployments.DeploymentRow deployment = deployments.findByChangeSet(changeSetId).orElseThrow();
        if (!editLock.heldBy(changeSetId)) {
            throw new IllegalStateException("editing is not locked for this deployment; it does not run unlocked");
        }
        if (!deployments.claim(changeSetId)) { // this transaction's alone from here; another node got there first
            return;
        }
        sandbox.wipeSessionAfterTransaction();
        DeploymentSummary summary = deployment.summary();
        writeContext.beginChangeSet(changeSetId, summary.submittedBy(),
                "Deployment " + summary.id() + " (" + summary.releaseRef() + "): " + summary.title());
        List<ScriptStatement> statements = DeploymentScript.parse(deployment.script(), limits);
        List<StatementReport> dryRun = deployment.dryRun().statements();
        for (int i = 0; i < statements.size(); i++) {
            ScriptStatement statement = statements.get(i);
            int expected = dryRun.get(i).rows();
            long start = System.nanoTime();
            int rows = sandbox.execute(statement);
            log.add(new RunLogEntry(statement.number(), statement.firstLine(), rows, expected,
                    (System.nanoTime() - start) / 1_000_000));
            if (rows != expected) {
                throw new IllegalStateException(statement.label() + " changed " + rows + " row(s), the dry run "
                        + expected + ": the data moved since the dry run; rolled back, nothing was changed");
            }
        }
        deployments.applied(changeSetId, "Ran " + statements.size() + " statement(s) under editing lock; "
                + summary.expectedCount() + " proforma(s) changed");
        deployments.runLog(changeSetId, log);
    }
}
