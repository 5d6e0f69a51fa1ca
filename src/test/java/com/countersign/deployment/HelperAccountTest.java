package com.countersign.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.lock.Locks;
import com.countersign.proforma.ProformaService;
import com.countersign.security.PrivilegeRequest;
import com.countersign.security.PrivilegeRequests;
import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.security.UserSummary;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.SecondPerson;
import com.countersign.support.Users;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Issue 14's attack: an ADMIN makes "helper.account" with REVIEWER and MANAGER and approves their own
 * deployment with it. Refused at the grant, at the approval and through Flowable's own API.
 */
@CountersignTest
class HelperAccountTest {

    private static final String PASSWORD = "a helper's own secret";

    @Autowired ProformaService proformas;
    @Autowired DeploymentService deployments;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired JdbcClient jdbc;
    @Autowired UserAdminService users;
    @Autowired PrivilegeRequests requests;
    @Autowired SecondPerson secondPerson;
    @Autowired DatabaseRoles roles;

    DeploymentScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new DeploymentScenario(proformas, deployments, management, runtime, jdbc);
        scenario.atLeastProformas(100); // two of them is then a small, unflagged deployment
    }

    @AfterEach
    void signOut() {
        Locks.forceOpen(jdbc);
        Users.anonymous();
    }

    @Test
    void an_admins_helper_account_never_approves_the_admins_deployment() {
        String helper = "helper.account." + UUID.randomUUID().toString().substring(0, 6);
        Users.actAs("admin", "ADMIN");
        UserSummary created = users.create(helper, "Helper Account", EnumSet.of(Role.REVIEWER, Role.MANAGER), PASSWORD);
        assertThat(created.roles()).as("asked, not granted").isEmpty();
        assertThat(created.waiting()).containsExactly("grant MANAGER, REVIEWER");
        long a = scenario.proforma("Helper"), b = scenario.proforma("Helper");
        DeploymentSummary deployment = scenario.submitted(
                "update proforma set notes = 'by my helper' where id in (%d, %d)".formatted(a, b));

        // at the grant: the helper holds nothing, and the admin cannot approve their own request
        Users.actAs(helper, "REVIEWER", "MANAGER");
        assertThatThrownBy(() -> deployments.approve(deployment.id(), "fine"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("holds no enabled role");
        Users.actAs("admin", "ADMIN");
        PrivilegeRequest grant = requests.pending().stream().filter(r -> r.username().equals(helper)).findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> requests.approve(grant.id(), "mine"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("admin asked for privilege request");

        // another admin approves the grant: the helper still never decides a deployment of the admin who
        // asked for their role, neither within the cooling-off (see HelperAccountCoolingOffTest) nor after it
        secondPerson.approveAllFor(helper);
        Users.actAs(helper, "REVIEWER", "MANAGER");
        assertThatThrownBy(() -> deployments.approve(deployment.id(), "fine"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("was given REVIEWER by admin");
        assertThatThrownBy(() -> completeThroughFlowable(deployment, helper))
                .hasStackTraceContaining("was given REVIEWER by admin");

        roles.ownerSql().sql("""
                update app_user_role set granted_at = granted_at - interval '25 hours'
                 where user_id = (select id from app_user where username = :u)""").param("u", helper).update();
        Users.actAs(helper, "REVIEWER", "MANAGER");
        assertThatThrownBy(() -> deployments.approve(deployment.id(), "fine"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("was given REVIEWER by admin");
        assertThatThrownBy(() -> completeThroughFlowable(deployment, helper))
                .hasStackTraceContaining("was given REVIEWER by admin");
        assertThat(scenario.status(deployment.id())).isEqualTo("PENDING_REVIEW");

        // a reviewer of long standing, given the role by nobody involved, approves it
        scenario.approve(deployment.id(), "reviewer", "REVIEWER");
        assertThat(scenario.status(deployment.id())).isEqualTo("APPROVED");
    }

    private void completeThroughFlowable(DeploymentSummary deployment, String assignee) {
        Task task = tasks.createTaskQuery()
                .processInstanceBusinessKey(Long.toString(deployment.changeSetId())).singleResult();
        tasks.setAssignee(task.getId(), assignee);
        try {
            tasks.complete(task.getId(), Map.of("approved", true));
        } finally {
            tasks.setAssignee(task.getId(), null);
        }
    }
}
