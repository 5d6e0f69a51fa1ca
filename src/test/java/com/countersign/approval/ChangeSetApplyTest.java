package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.EditNeedsApprovalException;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Applying is all or nothing, exact, and happens once. */
@CountersignTest
class ChangeSetApplyTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired ApprovalSteps steps;
    @Autowired JdbcClient jdbc;
    @Autowired com.countersign.support.DatabaseRoles roles;
    @Autowired javax.sql.DataSource dataSource;

    ApprovalScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
    }

    @AfterEach
    void nobody() {
        Users.anonymous();
    }

    /** Issue 13, item 3: the token is the claiming transaction's, and every move is on the timeline. */
    @Test
    void the_apply_runs_in_the_transaction_that_claimed_the_change_set_and_every_move_is_recorded() {
        Set<Long> ids = scenario.proformas(2, "Claimed");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "claimed"), "claim test");
        scenario.approveAsReviewer(changeSet);

        scenario.runApplyJob(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(jdbc.sql("""
                select array_agg(distinct v.txid) = array[c.claimed_txid] from proforma_version v
                  join change_set c on c.id = v.change_set_id where c.id = :cs group by c.claimed_txid
                """).param("cs", changeSet).query(Boolean.class).single()).as("written by the claiming transaction")
                .isTrue();
        List<String> timeline = changeSets.timeline(changeSet).stream().map(TimelineEntry::what).toList();
        assertThat(timeline.get(0)).startsWith("Submitted for review");
        assertThat(timeline.subList(timeline.size() - 3, timeline.size())).satisfiesExactly(
                w -> assertThat(w).startsWith("Approved"),
                w -> assertThat(w).isEqualTo("Being applied"),
                w -> assertThat(w).startsWith("Applied to 2 proforma(s)"));
    }

    @Test
    void a_target_edited_after_the_preview_fails_the_change_set_and_nothing_is_applied() {
        Set<Long> ids = scenario.proformas(3, "Drift");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "bulk"), "drift test");
        scenario.approveAsReviewer(changeSet);
        long edited = ids.iterator().next();
        Users.actAs("staff2", "STAFF");
        ProformaSnapshot current = proformas.find(edited).orElseThrow();
        proformas.update(edited, current.version(), withNotes(current.content(), "edited meanwhile"));
        String before = Tables.checksum(jdbc);

        scenario.runApplyJob(changeSet);

        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        ChangeSetSummary failed = changeSets.find(changeSet).orElseThrow().summary();
        assertThat(failed.status()).isEqualTo(ChangeSetStatus.FAILED);
        assertThat(failed.failureReason()).contains("1 proforma(s) changed since the preview")
                .contains("previewed at " + current.version());
        assertThat(changeSets.notificationsFor("staff", 50)).anySatisfy(n -> assertThat(n.message())
                .contains("Change set " + changeSet + " was approved but not applied"));
    }

    @Test
    void a_count_that_differs_from_the_approved_one_rolls_everything_back() {
        Set<Long> ids = scenario.proformas(3, "Count");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "bulk"), "count test");
        scenario.approveAsReviewer(changeSet);
        // a change set whose approved count does not match its targets: the guard must hold the line
        roles.ownerSql().sql("update change_set set expected_count = 4 where id = :id").param("id", changeSet).update();
        String before = Tables.checksum(jdbc);

        scenario.runApplyJob(changeSet);

        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        ChangeSetSummary failed = changeSets.find(changeSet).orElseThrow().summary();
        assertThat(failed.status()).isEqualTo(ChangeSetStatus.FAILED);
        assertThat(failed.failureReason()).contains("was approved for 4 proformas, this transaction changed 3");
    }

    @Test
    void a_re_delivered_apply_job_does_nothing() {
        Set<Long> ids = scenario.proformas(2, "Twice");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.ADJUST_LINE_PRICES, "10"), "prices");
        scenario.approveAsReviewer(changeSet);
        scenario.runApplyJob(changeSet);
        String after = Tables.checksum(jdbc);
        int versions = jdbc.sql("select count(*) from proforma_version").query(Integer.class).single();

        steps.apply(changeSet); // what a job delivered a second time runs

        assertThat(Tables.checksum(jdbc)).isEqualTo(after);
        assertThat(jdbc.sql("select count(*) from proforma_version").query(Integer.class).single()).isEqualTo(versions);
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(jdbc.sql("select distinct unit_price from proforma_line where proforma_id in (:ids)")
                .param("ids", ids).query(BigDecimal.class).list()).containsExactly(new BigDecimal("935.0000"));
    }

    /**
     * A PostgreSQL restart or a killed backend mid-apply is no verdict on the change: the job fails
     * for a retry and the change set stays APPROVED (it used to be marked FAILED for good).
     */
    @Test
    void losing_the_connection_mid_apply_leaves_the_change_set_approved_and_the_retry_applies_it() throws Exception {
        Set<Long> ids = scenario.proformas(2, "Lost");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "after the retry"), "lost");
        scenario.approveAsReviewer(changeSet);
        String before = Tables.checksum(jdbc);
        String jobId = scenario.jobsOf(changeSet).get(0).getId();

        java.util.concurrent.atomic.AtomicReference<Throwable> jobFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread job;
        try (java.sql.Connection holder = dataSource.getConnection()) {
            // hold one target's row lock, so the apply waits where we can see it
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select id from proforma where id = ? for update")) {
                lock.setLong(1, ids.iterator().next());
                lock.executeQuery().close();
            }
            job = new Thread(() -> {
                try {
                    management.executeJob(jobId);
                } catch (Throwable e) {
                    jobFailure.set(e);
                }
            });
            job.start();
            Integer applying = null;
            for (int i = 0; i < 200 && applying == null; i++) {
                applying = jdbc.sql("""
                        select pid from pg_stat_activity
                         where wait_event_type = 'Lock' and query like '%change_set_target%for update of p%'
                        """).query(Integer.class).optional().orElse(null);
                Thread.sleep(50);
            }
            assertThat(applying).as("the apply waiting for the row lock").isNotNull();
            // what a fast shutdown does to every backend: SQLSTATE 57P01
            jdbc.sql("select pg_terminate_backend(:pid)").param("pid", applying).query(Boolean.class).single();
            job.join(30_000);
            holder.rollback();
        }

        assertThat(jobFailure.get()).as("the job fails, to be retried").isNotNull();
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);

        // the retry (Flowable moved the failed job to the timer jobs, due after the retry wait)
        org.flowable.job.api.Job retry = management.createTimerJobQuery()
                .processInstanceId(scenario.processInstanceOf(changeSet)).singleResult();
        management.moveTimerToExecutableJob(retry.getId());
        scenario.runApplyJob(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(jdbc.sql("select count(*) from proforma_version where change_set_id = :cs")
                .param("cs", changeSet).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void a_bulk_delete_removes_the_proformas_with_their_lines() {
        Set<Long> ids = scenario.proformas(2, "Delete");
        Users.actAs("staff", "STAFF");
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.DELETE, null));
        assertThat(draft.proformaCount()).isEqualTo(2);
        assertThat(draft.lineCount()).isEqualTo(2);
        assertThat(draft.riskReasons()).contains("deletes proformas");
        approvals.submit(draft.id(), "duplicates");
        scenario.approveAsReviewer(draft.id());
        scenario.runApplyJob(draft.id());

        ids.forEach(id -> assertThat(proformas.find(id)).isEmpty());
        assertThat(jdbc.sql("select count(*) from proforma_version where change_set_id = :cs and operation = 'D'")
                .param("cs", draft.id()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void a_risky_single_edit_becomes_a_one_proforma_change_set() {
        long id = scenario.proforma(Fixtures.content(Fixtures.uniqueCustomer("Single"), ProformaStatus.ISSUED,
                List.of(Fixtures.line("Consulting day", "2", "850.00", "20"))));
        ProformaSnapshot issued = proformas.find(id).orElseThrow();
        ProformaContent cancelled = new ProformaContent(issued.content().customerName(),
                issued.content().customerAddress(), issued.content().customerVatId(), issued.content().issueDate(),
                issued.content().validUntil(), issued.content().currency(), ProformaStatus.CANCELLED, "withdrawn",
                List.of(Fixtures.line("Consulting day", "1", "850.00", "20")));

        assertThatThrownBy(() -> proformas.update(id, issued.version(), cancelled))
                .isInstanceOf(EditNeedsApprovalException.class)
                .hasMessageContaining("ISSUED or ACCEPTED");
        assertThat(proformas.find(id).orElseThrow().version()).as("nothing saved").isEqualTo(issued.version());
        assertThatThrownBy(() -> proformas.submitForApproval(id, issued.version(), cancelled, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Say why");

        long changeSet = proformas.submitForApproval(id, issued.version(), cancelled, "Order withdrawn by phone");

        ChangeSetSummary summary = changeSets.find(changeSet).orElseThrow().summary();
        assertThat(summary.kind()).isEqualTo("SINGLE_EDIT");
        assertThat(summary.status()).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        assertThat(summary.proformaCount()).isEqualTo(1);
        assertThat(summary.riskReasons()).anyMatch(r -> r.contains("status of 1 ISSUED or ACCEPTED"));
        assertThat(changeSets.preview(changeSet, 0, 50)).extracting(PreviewRow::field)
                .contains("status", "notes", "gross", "line");

        scenario.approveAsReviewer(changeSet);
        scenario.runApplyJob(changeSet);

        ProformaSnapshot applied = proformas.find(id).orElseThrow();
        assertThat(applied.content()).isEqualTo(cancelled);
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
    }

    @Test
    void a_harmless_single_edit_is_saved_directly() {
        long id = scenario.proforma(Fixtures.content(Fixtures.uniqueCustomer("Harmless")));
        ProformaSnapshot draft = proformas.find(id).orElseThrow();
        ProformaSnapshot saved = proformas.update(id, draft.version(), withNotes(draft.content(), "just a note"));
        assertThat(saved.content().notes()).isEqualTo("just a note");
    }

    private static ProformaContent withNotes(ProformaContent c, String notes) {
        return new ProformaContent(c.customerName(), c.customerAddress(), c.customerVatId(), c.issueDate(),
                c.validUntil(), c.currency(), c.status(), notes, c.lines());
    }
}
