package com.countersign.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.lock.DeploymentEditLock;
import com.countersign.lock.EditLock;
import com.countersign.lock.EditLockService;
import com.countersign.lock.Locks;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@CountersignTest
class DeploymentProcessTest {

    @Autowired ProformaService proformas;
    @Autowired DeploymentService deployments;
    @Autowired EditLockService editLock;
    @Autowired DeploymentEditLock deploymentLock;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;

    DeploymentScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new DeploymentScenario(proformas, deployments, management, runtime, jdbc);
        scenario.atLeastProformas(100);
    }

    @AfterEach
    void openEditingAgain() {
        Locks.forceOpen(jdbc);
        Users.anonymous();
    }

    @Test
    void the_dry_run_counts_exactly_per_statement_and_table_and_changes_nothing() {
        long a = scenario.proforma("Dry"), b = scenario.proforma("Dry"), c = scenario.proforma("Dry");
        String before = Tables.checksum(jdbc);
        DeploymentSummary deployment = scenario.submitted("""
                update proforma set notes = 'fixed' where id in (%d, %d);
                delete from proforma_line where proforma_id = %d;
                insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                values (%d, 2, 'Travel', 1, 100, 20)
                """.formatted(a, b, c, a));

        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        DryRunReport report = deployments.detail(deployment.id()).dryRun();
        assertThat(report.statements()).extracting(StatementReport::rows).containsExactly(2, 1, 1);
        assertThat(report.rowsPerTable()).containsEntry("proforma", 2).containsEntry("proforma_line", 2);
        assertThat(report.proformas()).isEqualTo(3);
        assertThat(deployment.expectedCount()).isEqualTo(3);
        assertThat(report.flagged()).isFalse();
        assertThat(report.statements().get(0).sample()).extracting(SampleChange::field, SampleChange::after)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("notes", "fixed"));
        assertThat(report.statements().get(1).sample()).extracting(SampleChange::field).containsExactly("(deleted)");
        assertThat(deployment.status()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void an_approved_deployment_runs_while_editing_is_locked_and_unlocks_after() {
        long a = scenario.proforma("Run"), b = scenario.proforma("Run");
        DeploymentSummary deployment = scenario.submitted(
                "update proforma set notes = 'release fix' where id in (%d, %d)".formatted(a, b));
        scenario.approve(deployment.id(), "reviewer", "REVIEWER");
        assertThat(scenario.status(deployment.id())).isEqualTo("APPROVED");

        scenario.runJob(deployment); // lock
        EditLock lock = editLock.current();
        assertThat(lock.locked()).isTrue();
        assertThat(lock.changeSetId()).isEqualTo(deployment.changeSetId());
        Users.actAs("staff", "STAFF");
        assertThatThrownBy(() -> proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Blocked"))))
                .hasMessageContaining("locked");

        scenario.runJob(deployment); // run, unlock, record
        assertThat(editLock.current().locked()).isFalse();
        assertThat(scenario.status(deployment.id())).isEqualTo("APPLIED");
        assertThat(jdbc.sql("select count(*) from proforma where id in (:a, :b) and notes = 'release fix'")
                .param("a", a).param("b", b).query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from proforma_version where change_set_id = :cs")
                .param("cs", deployment.changeSetId()).query(Integer.class).single()).isEqualTo(2);
        DeploymentDetail detail = deployments.detail(deployment.id());
        assertThat(detail.runLog()).extracting(RunLogEntry::rows).containsExactly(2);
        assertThat(detail.timeline()).anyMatch(e -> e.contains("Editing locked")).anyMatch(e -> e.contains("Editing unlocked"));
        assertThat(scenario.processEnded(deployment)).isTrue();
    }

    @Test
    void drift_between_dry_run_and_run_aborts_rolls_back_and_unlocks() {
        long a = scenario.proforma("Drift"), b = scenario.proforma("Drift");
        DeploymentSummary deployment = scenario.submitted("""
                update proforma set notes = 'one' where id = %d;
                update proforma set notes = 'two' where id in (%d, %d) and status = 'DRAFT'
                """.formatted(a, a, b));
        scenario.approve(deployment.id(), "reviewer", "REVIEWER");
        jdbc.sql("update proforma set status = 'CANCELLED' where id = :b").param("b", b).update();
        String before = Tables.checksum(jdbc);

        scenario.runJob(deployment);
        scenario.runJob(deployment);

        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(editLock.current().locked()).isFalse();
        Users.actAs("admin", "ADMIN");
        DeploymentDetail detail = deployments.detail(deployment.id());
        assertThat(detail.summary().status()).isEqualTo("FAILED");
        assertThat(detail.failureReason()).contains("Statement 2").contains("changed 1 row(s), the dry run 2");
        assertThat(detail.runLog()).extracting(RunLogEntry::rows).containsExactly(1, 1);
    }

    /** The same count on other proformas is no longer the dry run: its proformas are the change set's targets. */
    @Test
    void a_run_that_would_write_other_proformas_than_its_dry_run_changes_nothing() {
        long a = scenario.proforma("Moved"), b = scenario.proforma("Moved");
        String marker = "fix me " + a;
        jdbc.sql("update proforma set notes = :m where id = :a").param("m", marker).param("a", a).update();
        DeploymentSummary deployment = scenario.submitted(
                "update proforma set notes = 'fixed' where id in (%d, %d) and notes = '%s'".formatted(a, b, marker));
        assertThat(jdbc.sql("select proforma_id from change_set_target where change_set_id = :cs")
                .param("cs", deployment.changeSetId()).query(Long.class).list()).as("pinned from the dry run")
                .containsExactly(a);
        scenario.approve(deployment.id(), "reviewer", "REVIEWER");
        jdbc.sql("update proforma set notes = null where id = :a").param("a", a).update();
        jdbc.sql("update proforma set notes = :m where id = :b").param("m", marker).param("b", b).update();
        String before = Tables.checksum(jdbc);

        scenario.runJob(deployment);
        scenario.runJob(deployment);

        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(editLock.current().locked()).isFalse();
        Users.actAs("admin", "ADMIN");
        DeploymentDetail detail = deployments.detail(deployment.id());
        assertThat(detail.summary().status()).isEqualTo("FAILED");
        assertThat(detail.failureReason()).contains("touches proforma(s) " + b + " that are not targets of change set "
                + deployment.changeSetId());
    }

    @Test
    void a_deployment_that_cannot_lock_fails_without_running_and_leaves_the_incident_lock() {
        long a = scenario.proforma("Incident");
        DeploymentSummary deployment = scenario.submitted("update proforma set notes = 'x' where id = %d".formatted(a));
        scenario.approve(deployment.id(), "reviewer", "REVIEWER");
        Users.actAs("manager", "MANAGER");
        editLock.lock("Incident during the release", null);

        scenario.runJob(deployment);
        scenario.runJob(deployment);

        assertThat(editLock.current().kind().name()).isEqualTo("INCIDENT");
        assertThat(scenario.status(deployment.id())).isEqualTo("FAILED");
    }

    @Test
    void a_flagged_deployment_needs_a_second_approval_from_another_manager() {
        String prefix = Fixtures.uniqueCustomer("Flagged");
        scenario.proforma(prefix);
        DeploymentSummary deployment = scenario.submitted(
                "update proforma set notes = 'all of them' where customer_name like '%s%%'".formatted(prefix.split(" ")[0]));
        DeploymentDetail detail = deployments.detail(deployment.id());
        assertThat(detail.dryRun().flagged()).isTrue();
        assertThat(detail.dryRun().flags()).anyMatch(f -> f.contains("no key predicate"));

        scenario.approve(deployment.id(), "manager2", "REVIEWER", "MANAGER");
        assertThat(scenario.status(deployment.id())).isEqualTo("PENDING_REVIEW");
        Users.actAs("manager2", "REVIEWER", "MANAGER");
        assertThatThrownBy(() -> deployments.approve(deployment.id(), "me again"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("another manager");
        scenario.approve(deployment.id(), "manager", "MANAGER");
        assertThat(scenario.status(deployment.id())).isEqualTo("APPROVED");
        scenario.runJob(deployment);
        scenario.runJob(deployment);
        assertThat(scenario.status(deployment.id())).isEqualTo("APPLIED");
    }

    @Test
    void the_submitter_cannot_approve_their_own_deployment_and_a_rejection_ends_it() {
        long a = scenario.proforma("Own");
        DeploymentSummary deployment = scenario.submitted("update proforma set notes = 'x' where id = %d".formatted(a));
        Users.actAs("admin", "ADMIN", "REVIEWER");
        assertThatThrownBy(() -> deployments.approve(deployment.id(), "mine")).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("submitted deployment");
        Users.actAs("reviewer", "REVIEWER");
        deployments.reject(deployment.id(), "wrong release");
        assertThat(scenario.status(deployment.id())).isEqualTo("REJECTED");
        assertThat(scenario.processEnded(deployment)).isTrue();
    }

    @Test
    void a_script_that_fails_in_the_dry_run_is_refused_and_a_person_cannot_lock_for_a_deployment() {
        long a = scenario.proforma("Failing");
        assertThatThrownBy(() -> scenario.submitted("update proforma set currency = 'EURO' where id = " + a))
                .isInstanceOf(ScriptRefused.class).hasMessageContaining("Statement 1").hasMessageContaining("fails in the dry run");
        Users.actAs("admin", "ADMIN");
        assertThatThrownBy(() -> deploymentLock.lock(a, "a person pretending to be the process")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void only_admins_submit_and_staff_see_no_deployments() {
        Users.actAs("reviewer", "REVIEWER");
        assertThatThrownBy(() -> deployments.submit(new DeploymentRequest("t", "r", null, "delete from proforma where id = 1")))
                .isInstanceOf(AccessDeniedException.class);
        Users.actAs("staff", "STAFF");
        assertThatThrownBy(() -> deployments.list(0, 10)).isInstanceOf(AccessDeniedException.class);
    }
}
