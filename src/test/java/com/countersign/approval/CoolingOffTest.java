package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.SecondPerson;
import com.countersign.support.Users;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.flowable.engine.ManagementService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A freshly granted approving role decides nothing until countersign.approval.cooling-off (24 h by
 * default) has passed: not in the inbox, not through the service, not through the engine.
 */
@CountersignTest
class CoolingOffTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired UserAdminService users;
    @Autowired SecondPerson secondPerson;
    @Autowired DatabaseRoles roles;

    ApprovalScenario scenario;
    long changeSet;
    String taskId;
    String fresh;

    @BeforeEach
    void staff_request_a_change_and_an_admin_makes_a_new_reviewer() {
        scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
        var ids = scenario.proformas(2, "CoolingOff");
        Users.actAs("staff", "STAFF");
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "reviewed late"));
        approvals.submit(draft.id(), "a change for the new reviewer");
        changeSet = draft.id();
        taskId = tasks.createTaskQuery().processInstanceId(scenario.processInstanceOf(changeSet)).singleResult().getId();
        fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        Users.actAs("admin", "ADMIN");
        users.create(fresh, "Fresh Reviewer", EnumSet.of(Role.REVIEWER), "a fresh reviewer's secret");
        secondPerson.approveAllFor(fresh);
    }

    @AfterEach
    void nobody() {
        Users.anonymous();
    }

    @Test
    void a_fresh_reviewer_neither_sees_nor_decides_a_review_until_the_cooling_off_has_passed() {
        Users.actAs(fresh, "REVIEWER");
        assertThat(approvals.inbox()).noneMatch(t -> t.changeSet().id() == changeSet);
        assertThatThrownBy(() -> approvals.approve(taskId, "fine")).isInstanceOf(FourEyesViolation.class)
                .hasMessageContaining("less than 24 h ago");
        tasks.setAssignee(taskId, fresh);
        assertThatThrownBy(() -> tasks.complete(taskId, Map.of("approved", true)))
                .hasStackTraceContaining("less than 24 h ago");
        tasks.setAssignee(taskId, null);
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.PENDING_REVIEW);

        roles.ownerSql().sql("""
                update app_user_role set granted_at = granted_at - interval '25 hours'
                 where user_id = (select id from app_user where username = :u)""").param("u", fresh).update();

        Users.actAs(fresh, "REVIEWER");
        assertThat(approvals.inbox()).anyMatch(t -> t.changeSet().id() == changeSet);
        approvals.approve(taskId, "now I may");
        assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
    }
}
