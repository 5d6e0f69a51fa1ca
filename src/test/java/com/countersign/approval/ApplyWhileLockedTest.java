package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.lock.DeploymentEditLock;
import com.countersign.lock.EditLockService;
import com.countersign.lock.Locks;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An approved change set that meets locked editing waits, APPROVED, and is applied once editing is
 * unlocked; it is never thrown away as FAILED because of the lock.
 */
@CountersignTest
class ApplyWhileLockedTest {

    @Autowired ProformaService proformas;
    @Autowired com.countersign.support.DatabaseRoles roles;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired ProcessEngineConfiguration engine;
    @Autowired EditLockService locks;
    @Autowired DeploymentEditLock deploymentLock;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired ApprovalSteps steps;
    @Autowired PlatformTransactionManager transactions;

    ApprovalScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
    }

    @AfterEach
    void open_again() {
        Locks.forceOpen(jdbc);
        engine.getClock().reset();
        Users.anonymous();
    }

    @Test
    void a_change_set_approved_before_the_lock_waits_and_is_applied_after_the_unlock() {
        Set<Long> ids = scenario.proformas(2, "Waits");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "after the incident"),
                "notes");
        scenario.approveAsReviewer(changeSet);
        lock("Incident 7: checking invoices");
        String before = Tables.checksum(jdbc);

        scenario.runApplyJob(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
        assertThat(Tables.checksum(jdbc)).as("nothing written").isEqualTo(before);
        assertThat(waitingEntries(changeSet)).singleElement().asString()
                .contains("waiting for editing to be unlocked").contains("Incident 7: checking invoices")
                .contains("by manager");
        assertThat(changeSets.notificationsFor("staff", 50)).noneMatch(n -> n.changeSetId() == changeSet);
        assertThat(scenario.jobsOf(changeSet)).as("no job runs while it waits").isEmpty();

        // the timer looks again while editing is still locked: nothing changes, no second entry
        lookAgainAfter(changeSet, Duration.ofMinutes(6));
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(waitingEntries(changeSet)).hasSize(1);

        Users.actAs("manager", "MANAGER");
        locks.unlock("Invoices checked");
        runJobs(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(notesOf(ids)).containsOnly("after the incident");
        assertThat(changeSets.notificationsFor("staff", 50)).anySatisfy(n -> assertThat(n.message())
                .isEqualTo("Change set " + changeSet + " was approved and applied to 2 proforma(s)."));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(scenario.processInstanceOf(changeSet))
                .count()).as("the process ended").isZero();
    }

    @Test
    void a_bulk_edit_approved_while_editing_is_locked_waits_as_well() {
        Set<Long> ids = scenario.proformas(3, "ApprovedLocked");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.ADJUST_LINE_PRICES, "10"), "prices");
        lock("Month-end closing");
        scenario.approveAsReviewer(changeSet);
        String before = Tables.checksum(jdbc);

        scenario.runApplyJob(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(waitingEntries(changeSet)).singleElement().asString().contains("Month-end closing");

        Users.actAs("manager", "MANAGER");
        locks.unlock(null);
        runJobs(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(Tables.checksum(jdbc)).isNotEqualTo(before);
        assertThat(jdbc.sql("select count(*) from proforma_version where change_set_id = :cs")
                .param("cs", changeSet).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void a_change_set_waiting_for_a_deployment_is_applied_when_the_deployment_unlocks() {
        Set<Long> ids = scenario.proformas(2, "Deployed");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "after release"), "n");
        scenario.approveAsReviewer(changeSet);
        long deployment = roles.ownerSql().sql("""
                insert into change_set (kind, status, reason, requested_by, expected_count)
                values ('DEPLOYMENT', 'APPROVED', 'release 7.4', 'admin', 1) returning id
                """).query(Long.class).single();
        Users.anonymous(); // what the deployment's job is
        deploymentLock.lock(deployment, "Deployment of release 7.4");

        scenario.runApplyJob(changeSet);
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
        assertThat(waitingEntries(changeSet)).singleElement().asString().contains("for a deployment");

        Users.anonymous();
        assertThat(deploymentLock.unlock(deployment, "Deployment finished")).isTrue();
        runJobs(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(notesOf(ids)).containsOnly("after release");
    }

    @Test
    void locking_and_unlocking_while_nothing_waits_changes_nothing() {
        Set<Long> ids = scenario.proformas(2, "Untouched");
        long pending = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "later"), "pending");
        List<String> jobsBefore = scenario.jobsOf(pending).stream().map(Job::getId).toList();
        long timersBefore = management.createTimerJobQuery().processInstanceId(scenario.processInstanceOf(pending))
                .count();
        long signalJobsBefore = management.createJobQuery().handlerType("event").count();
        String before = Tables.checksum(jdbc);

        lock("Quick look");
        Users.actAs("manager", "MANAGER");
        locks.unlock("Nothing found");

        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(management.createJobQuery().handlerType("event").count()).as("nobody to wake")
                .isEqualTo(signalJobsBefore);
        assertThat(scenario.statusOf(pending)).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        assertThat(scenario.jobsOf(pending)).extracting(Job::getId).containsExactlyElementsOf(jobsBefore);
        assertThat(management.createTimerJobQuery().processInstanceId(scenario.processInstanceOf(pending)).count())
                .isEqualTo(timersBefore);
        assertThat(changeSets.timeline(pending)).extracting(TimelineEntry::what)
                .noneMatch(w -> w.contains("waiting for editing"));
        scenario.approveAsReviewer(pending);
        scenario.runApplyJob(pending);
        assertThat(scenario.statusOf(pending)).isEqualTo(ChangeSetStatus.APPLIED);
    }

    /** Locking while an apply runs waits for that apply to commit, as it always did: it is not thrown away. */
    @Test
    void a_lock_set_while_an_apply_runs_waits_for_it_to_commit() throws Exception {
        Set<Long> ids = scenario.proformas(2, "Running");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "applied first"), "n");
        scenario.approveAsReviewer(changeSet);
        String jobId = scenario.jobsOf(changeSet).get(0).getId();
        CompletableFuture<Void> apply;
        CompletableFuture<Void> locking;
        try (var holder = dataSource.getConnection()) {
            // hold one target's row lock, so the apply stops half-way where we can see it
            holder.setAutoCommit(false);
            try (var rowLock = holder.prepareStatement("select id from proforma where id = ? for update")) {
                rowLock.setLong(1, ids.iterator().next());
                rowLock.executeQuery().close();
            }
            apply = CompletableFuture.runAsync(() -> management.executeJob(jobId));
            awaitBackendWaitingOn("%for update of p%");
            locking = CompletableFuture.runAsync(() -> lock("Set during an apply"));
            awaitBackendWaitingOn("%countersign_edit_lock(%");
            assertThat(locking).as("the lock waits for the apply").isNotDone();
            holder.rollback();
        }
        apply.get(30, TimeUnit.SECONDS);
        locking.get(30, TimeUnit.SECONDS);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(notesOf(ids)).containsOnly("applied first");
        assertThat(locks.current().locked()).isTrue();
    }

    /**
     * The apply job has found editing locked and is storing its wait when the unlock commits: the
     * unlock waits for that job to commit, so its signal finds the wait and nothing is left for the
     * five-minute timer.
     */
    @Test
    void an_unlock_while_the_apply_job_stores_its_wait_still_wakes_it() throws Exception {
        Set<Long> ids = scenario.proformas(2, "Between");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "woken"), "n");
        scenario.approveAsReviewer(changeSet);
        lock("Short incident");
        String jobId = scenario.jobsOf(changeSet).get(0).getId();
        CompletableFuture<Void> apply;
        CompletableFuture<Void> unlocking;
        try (var holder = dataSource.getConnection()) {
            // the job's last writes update the process's execution rows: held here, the job stops
            // after it has found editing locked and before it commits the wait
            holder.setAutoCommit(false);
            try (var rowLock = holder.prepareStatement("select id_ from act_ru_execution where proc_inst_id_ = ? for update")) {
                rowLock.setString(1, scenario.processInstanceOf(changeSet));
                rowLock.executeQuery().close();
            }
            apply = CompletableFuture.runAsync(() -> management.executeJob(jobId));
            awaitBackendWaitingOn("%act_ru_execution%");
            unlocking = CompletableFuture.runAsync(() -> {
                Users.actAs("manager", "MANAGER");
                try {
                    locks.unlock("Over");
                } finally {
                    Users.anonymous();
                }
            });
            // the unlock either waits for the job (it must) or, were it not to, commits before the wait is stored
            for (int i = 0; i < 200 && !unlocking.isDone() && !backendWaitsOn("%countersign_edit_unlock(%"); i++) {
                Thread.sleep(50);
            }
            holder.rollback();
        }
        apply.get(30, TimeUnit.SECONDS);
        unlocking.get(30, TimeUnit.SECONDS);

        runJobs(changeSet); // the signal's jobs, then the apply: no timer is due yet

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(notesOf(ids)).containsOnly("woken");
    }

    /** Instances started before the upgrade keep their process version, which has no wait: they fail as before. */
    @Test
    void a_process_version_without_the_wait_still_fails_the_change_set_on_a_lock() {
        Set<Long> ids = scenario.proformas(2, "OldVersion");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "never"), "n");
        scenario.approveAsReviewer(changeSet);
        lock("Incident on the old version");
        String before = Tables.checksum(jdbc);

        // what ${approvalSteps.apply(changeSetId)} of that version runs, in its job's transaction
        new TransactionTemplate(transactions).executeWithoutResult(tx -> steps.apply(changeSet));

        ChangeSetSummary failed = changeSets.find(changeSet).orElseThrow().summary();
        assertThat(failed.status()).isEqualTo(ChangeSetStatus.FAILED);
        assertThat(failed.failureReason()).contains("Editing is locked").contains("Incident on the old version");
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        scenario.runApplyJob(changeSet); // this version's job finds it FAILED and ends the process
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(scenario.processInstanceOf(changeSet))
                .count()).isZero();
    }

    private void lock(String reason) {
        Users.actAs("manager", "MANAGER");
        locks.lock(reason, null);
        Users.anonymous();
    }

    private List<String> waitingEntries(long changeSet) {
        return changeSets.timeline(changeSet).stream().map(TimelineEntry::what)
                .filter(w -> w.contains("waiting for editing to be unlocked")).toList();
    }

    private List<String> notesOf(Set<Long> ids) {
        return jdbc.sql("select notes from proforma where id in (:ids)").param("ids", ids).query(String.class).list();
    }

    /**
     * What the async executor does after an unlock: the signal's jobs (one per waiting process, not
     * tied to it by id), then the jobs of this change set's process, until none is left.
     */
    private void runJobs(long changeSet) {
        management.createJobQuery().handlerType("event").list().forEach(job -> management.executeJob(job.getId()));
        for (int round = 0; round < 5; round++) {
            List<Job> jobs = scenario.jobsOf(changeSet);
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("jobs keep coming for change set " + changeSet);
    }

    /** The wait's timer, due after {@code elapsed}: fired, then the apply job it leads to is run. */
    private void lookAgainAfter(long changeSet, Duration elapsed) {
        engine.getClock().setCurrentTime(Date.from(Instant.now().plus(elapsed)));
        Job timer = management.createTimerJobQuery().processInstanceId(scenario.processInstanceOf(changeSet))
                .executable().singleResult();
        assertThat(timer).as("the wait's timer is due").isNotNull();
        management.executeJob(management.moveTimerToExecutableJob(timer.getId()).getId());
        runJobs(changeSet);
    }

    private void awaitBackendWaitingOn(String queryLike) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (backendWaitsOn(queryLike)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no backend waits on " + queryLike);
    }

    private boolean backendWaitsOn(String queryLike) {
        return jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query ilike :q")
                .param("q", queryLike).query(Integer.class).single() > 0;
    }
}
