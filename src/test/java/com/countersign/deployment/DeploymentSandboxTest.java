package com.countersign.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.lock.Locks;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The deployment sandbox against the real database: what a crafted script can do, and what it leaves behind. */
@CountersignTest
class DeploymentSandboxTest {

    @Autowired ProformaService proformas;
    @Autowired DeploymentService deployments;
    @Autowired DryRun dryRun;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired DatabaseRoles roles;
    @Autowired JdbcClient jdbc;

    DeploymentScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new DeploymentScenario(proformas, deployments, management, runtime, jdbc);
        scenario.atLeastProformas(20);
    }

    @AfterEach
    void openEditingAgain() {
        Locks.forceOpen(jdbc);
        Users.anonymous();
    }

    @Test
    void the_escape_script_of_issue_12_changes_nothing_and_is_refused_with_a_statement_pointer() {
        String before = Tables.checksum(jdbc);
        long history = historyRows();
        long changeSets = count("select count(*) from change_set");
        Users.actAs("admin", "ADMIN");

        assertThatThrownBy(() -> deployments.check(DeploymentScriptTest.ESCAPE)).isInstanceOf(ScriptRefused.class)
                .hasMessageContaining("Statement 3 (UPDATE change_set").hasMessageContaining("Statement 4 (COMMIT)");

        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(historyRows()).isEqualTo(history);
        assertThat(count("select count(*) from change_set")).isEqualTo(changeSets);
    }

    @Test
    void setval_in_a_dry_run_is_refused_and_the_sequence_does_not_move() {
        long next = count("select last_value from proforma_number_seq");
        Users.actAs("admin", "ADMIN");
        assertThatThrownBy(() -> deployments.check(
                "update proforma set notes = setval('proforma_number_seq', 1)::text where id = 1"))
                .isInstanceOf(ScriptRefused.class).hasMessageContaining("Statement 1").hasMessageContaining("function setval is not allowed");
        assertThat(count("select last_value from proforma_number_seq")).isEqualTo(next);
    }

    @Test
    void a_dry_run_that_makes_temp_history_tables_leaves_nothing_and_every_later_staff_save_is_in_history() {
        Users.actAs("admin", "ADMIN");
        assertThatThrownBy(() -> deployments.check("create temp table proforma_version (like public.proforma_version)"))
                .isInstanceOf(ScriptRefused.class).hasMessageContaining("Statement 1");
        // the checker bypassed: the statements reach the sandbox as if it had accepted them
        List<ScriptStatement> bypass = List.of(
                new ScriptStatement(1, "create temp table proforma_version (like public.proforma_version)", "proforma", "INSERT", true),
                new ScriptStatement(2, "create temp table proforma_line_version (like public.proforma_line_version)", "proforma", "INSERT", true));
        for (int i = 0; i < 3; i++) {
            try {
                dryRun.run(bypass, "admin", "Dry run");
            } catch (RuntimeException refusedByTheDatabase) {
                // either way, what matters is what the pool's connections look like afterwards
            }
        }

        assertThat(count("""
                select count(*) from pg_class where relpersistence = 't' and relname in ('proforma_version', 'proforma_line_version')
                """)).isZero();
        long history = count("select count(*) from proforma_version where actor = 'staff'");
        int saves = 45; // more than the pool's 20 connections
        for (int i = 0; i < saves; i++) {
            scenario.proforma("After dry run");
        }
        assertThat(count("select count(*) from proforma_version where actor = 'staff'")).isEqualTo(history + saves);
    }

    @Test
    void even_past_the_checker_the_deployment_role_reads_and_writes_only_the_proforma_tables() throws SQLException {
        long id = scenario.proforma("Deploy role");
        try (Connection c = roles.asPortalRole(); Statement s = c.createStatement()) {
            s.execute("set role countersign_deploy");
            assertRefused(s, "select count(*) from app_user");
            assertRefused(s, "update change_set set status = 'APPLIED' where id = 1");
            assertRefused(s, "insert into change_set_event (change_set_id, actor, what) values (1, 'x', 'y')");
            assertRefused(s, "create temp table shadow (id int)");
            assertRefused(s, "select setval('proforma_number_seq', 1)");
            assertRefused(s, "select nextval('change_set_id_seq')");
            assertRefused(s, "select * from proforma_version");

            // what it may do still has its history and guard, written as the owner
            s.execute("update proforma set notes = 'by the deployment role' where id = " + id);
            assertRefused(s, "update proforma set notes = 'all of them'");
        }
        assertThat(count("select count(*) from proforma_version where proforma_id = " + id
                + " and notes = 'by the deployment role'")).isEqualTo(1);
        assertThat(count("select count(*) from proforma where notes = 'all of them'")).isZero();
    }

    @Test
    void the_deployment_role_is_nologin_and_holds_no_other_role() {
        assertThat(count("select count(*) from pg_roles where rolname = 'countersign_deploy' and not rolcanlogin and not rolsuper")).isEqualTo(1);
        assertThat(count("""
                select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member where r.rolname = 'countersign_deploy'
                """)).isZero();
        assertThat(count("select count(*) from information_schema.role_table_grants where grantee = 'countersign_deploy' "
                + "and table_name not in ('proforma', 'proforma_line')")).isZero();
    }

    private static void assertRefused(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class);
    }

    private long historyRows() {
        return count("select (select count(*) from proforma_version) + (select count(*) from proforma_line_version)");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
