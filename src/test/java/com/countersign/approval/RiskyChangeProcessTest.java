package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of workflows/risky-change.bpmn20.xml, walked through ApprovalService as real people would. */
@CountersignTest
class RiskyChangeProcessTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired JdbcClient jdbc;

    ApprovalScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
    }

    @AfterEach
    void nobody() {
        Users.anonymous();
    }

    @Test
    void an_approved_bulk_edit_is_applied_and_the_requester_is_told() {
        Set<Long> ids = scenario.proformas(3, "Approve");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "call before delivery"),
                "customer asked for a call");
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.PENDING_REVIEW);

        scenario.approveAsReviewer(changeSet);
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
        scenario.runApplyJob(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(notesOf(ids)).containsOnly("call before delivery");
        assertThat(jdbc.sql("select count(*) from proforma_version where change_set_id = :cs and operation = 'U'")
                .param("cs", changeSet).query(Integer.class).single()).isEqualTo(3);
        Users.actAs("staff", "STAFF");
        assertThat(approvals.myNotifications()).anySatisfy(n -> {
            assertThat(n.changeSetId()).isEqualTo(changeSet);
            assertThat(n.message()).contains("approved and applied to 3 proforma(s)");
        });
        assertThat(approvals.detail(changeSet).timeline()).extracting(TimelineEntry::what)
                .anyMatch(w -> w.startsWith("Submitted for review"))
                .anyMatch(w -> w.startsWith("Approved"))
                .anyMatch(w -> w.startsWith("Applied"));
        assertThat(runtimeInstances(changeSet)).isZero();
    }

    @Test
    void a_rejected_change_set_ends_with_the_comment_and_changes_nothing() {
        Set<Long> ids = scenario.proformas(2, "Reject");
        long changeSet = scenario.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "x"), "tidy up");
        ReviewTask task = scenario.taskOf(changeSet, "reviewer", "REVIEWER");

        assertThatThrownBy(() -> approvals.reject(task.taskId(), " ")).hasMessageContaining("Say why");
        approvals.reject(task.taskId(), "notes are not ours to change");

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.REJECTED);
        assertThat(notesOf(ids)).containsOnlyNulls();
        assertThat(changeSets.decisions(changeSet)).singleElement()
                .satisfies(d -> assertThat(d.comment()).isEqualTo("notes are not ours to change"));
        assertThat(changeSets.notificationsFor("staff", 50)).anySatisfy(
                n -> assertThat(n.message()).contains("rejected: notes are not ours to change"));
        assertThat(runtimeInstances(changeSet)).isZero();
    }

    @Test
    void a_high_tier_change_needs_a_reviewer_and_then_a_different_manager() {
        String customer = Fixtures.uniqueCustomer("Tier");
        for (int i = 0; i < 2; i++) {
            scenario.proforma(Fixtures.content(customer, com.countersign.proforma.ProformaStatus.DRAFT,
                    java.util.List.of(Fixtures.line("Turbine", "1", "60000", "20"))));
        }
        ProformaFilter filter = new ProformaFilter(null, customer, Set.of(), null, null);
        long changeSet = scenario.submitted(BulkEditRequest.matching(filter, BulkOperation.SHIFT_VALID_UNTIL, "14"),
                "extended offer");
        assertThat(changeSets.find(changeSet).orElseThrow().summary().riskTier()).isEqualTo(RiskTier.HIGH);

        ReviewTask review = scenario.taskOf(changeSet, "manager", "MANAGER", "REVIEWER");
        approvals.approve(review.taskId(), "fine");
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        assertThat(approvals.inbox()).as("the first approver does not see the second approval")
                .noneMatch(t -> t.changeSet().id() == changeSet);
        String secondTaskId = tasks.createTaskQuery().processInstanceId(scenario.processInstanceOf(changeSet))
                .singleResult().getId();
        assertThatThrownBy(() -> approvals.approve(secondTaskId, "me again")).isInstanceOf(FourEyesViolation.class);

        ReviewTask second = scenario.taskOf(changeSet, "manager2", "MANAGER");
        assertThat(second.isSecondApproval()).isTrue();
        approvals.approve(second.taskId(), "agreed");
        scenario.runApplyJob(changeSet);

        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(changeSets.decisions(changeSet)).extracting(Decision::decidedBy).containsExactly("manager", "manager2");
    }

    private long runtimeInstances(long changeSet) {
        return jdbc.sql("select count(*) from act_ru_execution where proc_inst_id_ = :pid")
                .param("pid", scenario.processInstanceOf(changeSet)).query(Long.class).single();
    }

    private java.util.List<String> notesOf(Set<Long> ids) {
        return ids.stream().map(id -> jdbc.sql("select notes from proforma where id = :id").param("id", id)
                .query(String.class).optional().orElse(null)).toList();
    }
}
