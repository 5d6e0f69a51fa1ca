package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import org.flowable.engine.ManagementService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Nobody decides their own change: not through the inbox, not by calling the service, not through the engine. */
@CountersignTest
class FourEyesTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;

    ApprovalScenario scenario;
    long changeSet;
    String taskId;

    @BeforeEach
    void a_manager_who_is_also_a_reviewer_requests_a_change() {
        scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
        var ids = scenario.proformas(2, "FourEyes");
        Users.actAs("manager", "MANAGER", "REVIEWER");
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "mine"));
        approvals.submit(draft.id(), "my own change");
        changeSet = draft.id();
        taskId = tasks.createTaskQuery().processInstanceId(scenario.processInstanceOf(changeSet)).singleResult().getId();
    }

    @AfterEach
    void nobody() {
        Users.anonymous();
    }

    @Test
    void the_requester_does_not_see_their_own_change_in_the_inbox() {
        Users.actAs("manager", "MANAGER", "REVIEWER");
        assertThat(approvals.inbox()).noneMatch(t -> t.changeSet().id() == changeSet);
    }

    @Test
    void the_requester_approving_through_the_service_is_refused() {
        Users.actAs("manager", "MANAGER", "REVIEWER");
        assertThatThrownBy(() -> approvals.approve(taskId, "fine by me")).isInstanceOf(FourEyesViolation.class)
                .hasMessageContaining("cannot decide on it");
        assertThatThrownBy(() -> approvals.claim(taskId)).isInstanceOf(FourEyesViolation.class);
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        assertThat(changeSets.decisions(changeSet)).isEmpty();
    }

    @Test
    void the_process_itself_refuses_the_requester_completing_the_task_through_the_engine() {
        tasks.setAssignee(taskId, "manager");
        assertThatThrownBy(() -> tasks.complete(taskId, java.util.Map.of("approved", true)))
                .hasStackTraceContaining("cannot decide on it");
        Task stillOpen = tasks.createTaskQuery().taskId(taskId).singleResult();
        assertThat(stillOpen).isNotNull();
        assertThat(scenario.jobsOf(changeSet)).as("no apply job").isEmpty();
    }

    @Test
    void someone_without_a_reviewer_role_cannot_decide() {
        Users.actAs("staff2", "STAFF");
        assertThatThrownBy(() -> approvals.approve(taskId, "sure")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_task_claimed_by_one_reviewer_cannot_be_decided_by_another() {
        Users.actAs("reviewer", "REVIEWER");
        approvals.claim(taskId);
        Users.actAs("manager2", "REVIEWER");
        assertThatThrownBy(() -> approvals.approve(taskId, "sure")).hasMessageContaining("claimed by reviewer");
        Users.actAs("reviewer", "REVIEWER");
        approvals.unclaim(taskId);
        Users.actAs("manager2", "REVIEWER");
        approvals.approve(taskId, "sure");
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
    }
}
