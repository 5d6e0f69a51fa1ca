package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.TaskService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An untouched review goes to the managers after a day; no decision within a week expires the change set. */
@CountersignTest
class ReviewTimersTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired ProcessEngineConfiguration engine;

    ApprovalScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
    }

    @AfterEach
    void real_time_again() {
        engine.getClock().reset();
        Users.anonymous();
    }

    @Test
    void an_untouched_review_is_escalated_to_the_managers_after_24_hours() {
        long changeSet = scenario.submitted(
                BulkEditRequest.of(scenario.proformas(2, "Escalate"), BulkOperation.SET_NOTES, "n"), "why not");
        Users.actAs("manager2", "MANAGER");
        assertThat(approvals.inbox()).noneMatch(t -> t.changeSet().id() == changeSet);

        fireTimersDueAfter(changeSet, Duration.ofHours(23));
        assertThat(approvals.inbox()).as("not yet").noneMatch(t -> t.changeSet().id() == changeSet);
        fireTimersDueAfter(changeSet, Duration.ofHours(25));

        Users.actAs("manager2", "MANAGER");
        ReviewTask task = approvals.inbox().stream().filter(t -> t.changeSet().id() == changeSet).findFirst().orElseThrow();
        assertThat(changeSets.timeline(changeSet)).extracting(TimelineEntry::what).anyMatch(w -> w.contains("escalated"));
        approvals.approve(task.taskId(), "taking it");
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
    }

    @Test
    void a_claimed_review_is_not_escalated() {
        long changeSet = scenario.submitted(
                BulkEditRequest.of(scenario.proformas(2, "Claimed"), BulkOperation.SET_NOTES, "n"), "why not");
        approvals.claim(scenario.taskOf(changeSet, "reviewer", "REVIEWER").taskId());

        fireTimersDueAfter(changeSet, Duration.ofHours(25));

        assertThat(changeSets.timeline(changeSet)).extracting(TimelineEntry::what).noneMatch(w -> w.contains("escalated"));
    }

    @Test
    void a_change_set_without_decision_expires_after_seven_days() {
        Set<Long> ids = scenario.proformas(2, "Expire");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.DELETE, null), "clean up");

        fireTimersDueAfter(changeSet, Duration.ofDays(8));

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.EXPIRED);
        assertThat(tasks.createTaskQuery().processInstanceId(scenario.processInstanceOf(changeSet)).count()).isZero();
        assertThat(changeSets.notificationsFor("staff", 50)).anySatisfy(n -> assertThat(n.message())
                .isEqualTo("Change set " + changeSet + " expired without a decision."));
        ids.forEach(id -> assertThat(proformas.find(id)).isPresent());
    }

    @Test
    void a_high_tier_change_set_waiting_for_the_manager_expires_seven_days_after_it_was_submitted() {
        String customer = Fixtures.uniqueCustomer("ExpireSecond");
        for (int i = 0; i < 2; i++) {
            scenario.proforma(Fixtures.content(customer, ProformaStatus.DRAFT,
                    List.of(Fixtures.line("Turbine", "1", "60000", "20"))));
        }
        long changeSet = scenario.submitted(BulkEditRequest.matching(
                new ProformaFilter(null, customer, Set.of(), null, null), BulkOperation.SHIFT_VALID_UNTIL, "14"),
                "extended offer");
        assertThat(changeSets.find(changeSet).orElseThrow().summary().riskTier()).isEqualTo(RiskTier.HIGH);
        engine.getClock().setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(6))));
        scenario.approveAsReviewer(changeSet);
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.PENDING_REVIEW);

        fireTimersDueAfter(changeSet, Duration.ofDays(7).minusHours(1));
        assertThat(scenario.statusOf(changeSet)).as("not yet").isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        fireTimersDueAfter(changeSet, Duration.ofDays(7).plusHours(1));

        assertThat(scenario.statusOf(changeSet)).as("a week after submission, not after the review")
                .isEqualTo(ChangeSetStatus.EXPIRED);
        assertThat(tasks.createTaskQuery().processInstanceId(scenario.processInstanceOf(changeSet)).count()).isZero();
        assertThat(changeSets.notificationsFor("staff", 50)).anySatisfy(n -> assertThat(n.message())
                .isEqualTo("Change set " + changeSet + " expired without a decision."));
    }

    /** Moves the engine clock and runs, one by one, every timer of this change set that is then due. */
    private void fireTimersDueAfter(long changeSet, Duration elapsed) {
        engine.getClock().setCurrentTime(Date.from(Instant.now().plus(elapsed)));
        String pid = scenario.processInstanceOf(changeSet);
        List<Job> due = management.createTimerJobQuery().processInstanceId(pid).executable()
                .orderByJobDuedate().asc().list();
        for (Job timer : due) {
            if (management.createTimerJobQuery().jobId(timer.getId()).count() == 0) {
                continue; // cancelled by an earlier timer (the expiry ends the review and its escalation)
            }
            Job job = management.moveTimerToExecutableJob(timer.getId());
            management.executeJob(job.getId());
        }
    }
}
