package com.countersign.approval;

import com.countersign.base.NotFoundException;
import com.countersign.base.db.WriteContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies an approved change set in one transaction of its own, under the guard token, or not at
 * all. Its own transaction because the guard's count check runs at commit: a failed apply must be
 * recorded as FAILED in a separate transaction, and the Flowable job that called us must still
 * complete. Idempotent by status: only an APPROVED change set is applied, so a re-delivered job
 * finds APPLIED or FAILED and does nothing. Losing the database mid-apply (a restart, a killed
 * backend) is not a verdict on the change: the job fails and is retried, the change set stays APPROVED.
 * Neither is locked editing: nothing is applied, the change set stays APPROVED and waits (EditingWait).
 */
@Component
class ChangeSetApplier {

    private final ChangeSets changeSets;
    private final JdbcClient jdbc;
    private final WriteContext writeContext;
    private final ObjectMapper json;
    private final TransactionTemplate newTransaction;
    private final EditingWait editingWait;

    ChangeSetApplier(ChangeSets changeSets, JdbcClient jdbc, WriteContext writeContext, ObjectMapper json,
            PlatformTransactionManager transactions, EditingWait editingWait) {
        this.editingWait = editingWait;
        this.changeSets = changeSets;
        this.jdbc = jdbc;
        this.writeContext = writeContext;
        this.json = json;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** APPLIED or FAILED; APPROVED while editing is locked and the change set waits for the unlock. */
    ChangeSetStatus apply(long id) {
        try {
            return newTransaction.execute(tx -> applyNow(id));
        } catch (RuntimeException e) {
            if (lostTheDatabase(e)) {
                throw e; // the job is retried; the transaction was rolled back with the connection
            }
            String reason = reasonOf(e);
            return newTransaction.execute(tx -> {
                changeSets.failed(id, reason, "Failed, nothing was applied: " + reason);
                return changeSets.find(id).orElseThrow().status();
            });
        }
    }

    private ChangeSetStatus applyNow(long id) {
        Optional<ChangeSetStatus> waiting = editingWait.whileLocked(id); // first: a lock set now waits for our commit
        if (waiting.isPresent()) {
            return waiting.get();
        }
        Optional<ChangeSets.ChangeSetRow> approved = changeSets.startApplying(id); // locks the row until commit
        if (approved.isEmpty()) {
            return changeSets.find(id).orElseThrow(() -> new NotFoundException("Change set " + id + " does not exist"))
                    .status(); // applied, failed or never approved: nothing to do
        }
        ChangeSets.ChangeSetRow changeSet = approved.get();
        writeContext.beginChangeSet(id, changeSet.requester(), changeSet.summary().reason());
        refuseDrift(id);
        String actor = changeSet.requester();
        for (String statement : statementsOf(changeSet)) {
            jdbc.sql(statement).param("cs", id).param("actor", actor).param("value", valueOf(changeSet))
                    .update();
        }
        changeSets.applied(id, "Applied to " + changeSet.summary().proformaCount() + " proforma(s)");
        return ChangeSetStatus.APPLIED;
    }

    /** Locks the targets, then refuses if any of them moved since the preview. */
    private void refuseDrift(long id) {
        jdbc.sql("""
                select p.id from proforma p join change_set_target t on t.proforma_id = p.id
                 where t.change_set_id = :cs order by p.id for update of p
                """).param("cs", id).query((rs, n) -> rs.getLong(1)).list();
        List<String> drifted = jdbc.sql("""
                select case when p.id is null then 'proforma ' || t.proforma_id || ' was deleted'
                            when t.previewed_version = %1$d then p.number || ' exists again, previewed as deleted'
                            else p.number || ' is at version ' || p.version || ', previewed at ' || t.previewed_version end
                  from change_set_target t left join proforma p on p.id = t.proforma_id
                 where t.change_set_id = :cs
                   and (case when p.id is null then t.previewed_version <> %1$d else p.version <> t.previewed_version end)
                 order by t.proforma_id
                """.formatted(RestoreSql.ABSENT)).param("cs", id).query(String.class).list();
        if (!drifted.isEmpty()) {
            throw new IllegalStateException(drifted.size() + " proforma(s) changed since the preview: "
                    + String.join("; ", drifted.subList(0, Math.min(5, drifted.size())))
                    + (drifted.size() > 5 ? "; …" : ""));
        }
    }

    private List<String> statementsOf(ChangeSets.ChangeSetRow changeSet) {
        BulkOperation operation = changeSet.summary().operation();
        if (operation == BulkOperation.REPLACE_CONTENT) {
            return SingleEditSql.APPLY;
        }
        if (operation == BulkOperation.RESTORE) {
            return RestoreSql.APPLY;
        }
        return List.of(BulkEditSql.of(operation, rawValue(changeSet)).applyStatements());
    }

    private Object valueOf(ChangeSets.ChangeSetRow changeSet) {
        BulkOperation operation = changeSet.summary().operation();
        return operation == BulkOperation.REPLACE_CONTENT || operation == BulkOperation.RESTORE ? null : BulkEditSql.of(operation, rawValue(changeSet)).value();
    }

    private String rawValue(ChangeSets.ChangeSetRow changeSet) {
        try {
            var node = json.readTree(changeSet.parametersJson()).get("value");
            return node == null || node.isNull() ? null : node.asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable parameters of change set " + changeSet.id(), e);
        }
    }

    /**
     * A failure of the connection rather than of the change: a transient error, no connection to be
     * had, or a server that went away mid-transaction (restart, failover, terminated backend). The
     * apply's transaction is rolled back with it, so the change set must stay APPROVED for the
     * retried job instead of being marked FAILED.
     */
    static boolean lostTheDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
            if (cause instanceof TransactionSystemException rollbackFailed
                    && rollbackFailed.getApplicationException() != null
                    && lostTheDatabase(rollbackFailed.getApplicationException())) {
                return true; // the rollback failed on the dead connection and hid the original failure
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception; admin/crash shutdown, cannot connect now
            }
        }
        return false;
    }

    private static String reasonOf(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceFirst("^ERROR: ", "").replaceAll("\\s*Where: .*", "").strip();
    }
}
