package com.countersign.recovery;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.ReviewTask;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.support.Users;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.job.api.Job;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Drives change sets through approval as the recovery tests need it: bulk edits, restores, decisions,
 * apply job. A bean of the test context: tests take it with {@code @Autowired}.
 */
@Component
public record RecoveryScenario(ProformaService proformas, ApprovalService approvals, RecoveryService recovery,
        RuntimeService runtime, ManagementService management, JdbcClient jdbc) {

    public long create(ProformaContent content) {
        Users.actAs("staff", "STAFF");
        return proformas.create(content).id();
    }

    /** A bulk edit by staff, approved and applied; returns its change set id. */
    public long bulkApplied(Set<Long> ids, BulkOperation operation, String value) {
        Users.actAs("staff", "STAFF");
        long id = approvals.preview(BulkEditRequest.of(ids, operation, value)).id();
        approvals.submit(id, "bulk edit for a recovery test");
        approveAndApply(id, "staff");
        return id;
    }

    /** A restore by a manager, approved (reviewer, then another manager when high tier) and applied. */
    public ChangeSetStatus restoreApplied(RecoveryDraft draft) {
        Users.actAs("manager", "MANAGER");
        recovery.submit(draft.changeSet().id(), "recover from a bad change");
        return approveAndApply(draft.changeSet().id(), "manager");
    }

    public ChangeSetStatus approveAndApply(long changeSetId, String requester) {
        approve(changeSetId, requester);
        runApplyJob(changeSetId);
        return status(changeSetId);
    }

    /** The reviewer, and a second manager when the change set is of the high tier, approve it. */
    public void approve(long changeSetId, String requester) {
        decide(changeSetId, "reviewer", "REVIEWER");
        if (status(changeSetId) == ChangeSetStatus.PENDING_REVIEW) {
            decide(changeSetId, requester.equals("manager2") ? "manager3" : "manager2", "MANAGER");
        }
    }

    private void decide(long changeSetId, String user, String role) {
        Users.actAs(user, role);
        Optional<ReviewTask> task = approvals.inbox().stream().filter(t -> t.changeSet().id() == changeSetId).findFirst();
        task.ifPresent(t -> approvals.approve(t.taskId(), "checked"));
    }

    public void runApplyJob(long changeSetId) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(changeSetId))
                .singleResult().getId();
        List<Job> jobs = management.createJobQuery().processInstanceId(instance).list();
        if (jobs.size() != 1) {
            throw new AssertionError("expected one apply job for change set " + changeSetId + ", found " + jobs.size());
        }
        management.executeJob(jobs.get(0).getId());
    }

    public ChangeSetStatus status(long changeSetId) {
        Users.actAs("manager", "MANAGER");
        return approvals.detail(changeSetId).summary().status();
    }

    public RecoveryDraft previewUndo(long changeSetId, Map<Long, ConflictChoice> choices) {
        Users.actAs("manager", "MANAGER");
        return recovery.previewUndo(changeSetId, choices);
    }

    /** Content of proformas and their lines, without version and audit columns that a restore moves on. */
    public String contentOf(Collection<Long> ids) {
        return jdbc.sql("""
                select coalesce(md5(string_agg(concat_ws('|', p.id, p.number, p.customer_name, p.customer_address,
                           p.customer_vat_id, p.issue_date, p.valid_until, p.currency, p.status, p.notes, p.source,
                           (select string_agg(concat_ws(':', l.position, l.description, l.quantity, l.unit_price,
                                                        l.tax_rate), ',' order by l.position)
                              from proforma_line l where l.proforma_id = p.id)), '/' order by p.id)), 'none')
                  from proforma p where p.id in (:ids)
                """).param("ids", ids).query(String.class).single();
    }

    public String field(long id, String column) {
        return jdbc.sql("select " + column + "::text from proforma where id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
    }
}
