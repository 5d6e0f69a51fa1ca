package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.Application;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Users;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flowable.engine.ManagementService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The README's order for an external PostgreSQL, on a fresh database of the test server: (a) a DBA
 * creates the owner, the application role and countersign_deploy, and the database owned by the
 * owner; (b) the application starts with Liquibase as the owner and its pool as the application
 * role, and does the rest itself (migration, Flowable's tables, the grant script). Then the
 * application role does the portal's work, Flowable included, and none of the owner's.
 */
@CountersignTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalDatabaseSetupTest {

    static final String DATABASE = "countersign_external";
    static final String OWNER = "external_owner";
    static final String APP = "external_app";
    static final String OWNER_PASSWORD = "owner-" + java.util.UUID.randomUUID();
    static final String APP_PASSWORD = "app-" + java.util.UUID.randomUUID();

    @Autowired DatabaseRoles roles;
    @Autowired DataSource dataSource;

    ConfigurableApplicationContext external;
    SecurityContextHolderStrategy externalStrategy;
    String url;

    @BeforeAll
    void setUpAsTheReadmeSays() throws Exception {
        url = dataSource.unwrap(HikariDataSource.class).getJdbcUrl().replaceFirst("/countersign(\\?.*)?$", "/" + DATABASE);
        try (Connection c = roles.asSuperuser(); Statement dba = c.createStatement()) {
            dropQuietly(dba);
            // (a) the DBA, once (countersign_deploy exists already on this server: the embedded start made it)
            dba.execute("create role " + OWNER + " login password '" + OWNER_PASSWORD + "'");
            dba.execute("create role " + APP + " login password '" + APP_PASSWORD + "'");
            dba.execute("grant countersign_deploy to " + OWNER + " with admin option");
            dba.execute("create database " + DATABASE + " owner " + OWNER);
        }
        SecurityContextHolderStrategy testStrategy = SecurityContextHolder.getContextHolderStrategy();
        // (b) the application, with the environment of the README's Production section
        external = new SpringApplicationBuilder(Application.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + APP,
                        "--spring.datasource.password=" + APP_PASSWORD,
                        "--spring.liquibase.user=" + OWNER,
                        "--spring.liquibase.password=" + OWNER_PASSWORD,
                        "--spring.jmx.enabled=false",
                        "--countersign.demo.enabled=true", // the users of the approval below
                        "--countersign.demo.proformas=0");
        externalStrategy = SecurityContextHolder.getContextHolderStrategy();
        SecurityContextHolder.setContextHolderStrategy(testStrategy);
    }

    @AfterAll
    void dropTheDatabase() throws SQLException {
        if (external != null) {
            external.close();
        }
        try (Connection c = roles.asSuperuser(); Statement dba = c.createStatement()) {
            dropQuietly(dba);
        }
    }

    @Test
    void the_application_role_submits_approves_and_applies_a_change_set() {
        SecurityContextHolderStrategy testStrategy = SecurityContextHolder.getContextHolderStrategy();
        SecurityContextHolder.setContextHolderStrategy(externalStrategy);
        try {
            ApprovalScenario portal = new ApprovalScenario(external.getBean(ProformaService.class),
                    external.getBean(ApprovalService.class), external.getBean(ChangeSets.class),
                    external.getBean(ManagementService.class));
            Set<Long> ids = portal.proformas(2, "External");
            long changeSet = portal.submitted(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "external"), "setup test");
            portal.approveAsReviewer(changeSet);
            portal.runApplyJob(changeSet);
            assertThat(portal.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
        } finally {
            Users.anonymous();
            SecurityContextHolder.setContextHolderStrategy(testStrategy);
        }
    }

    @Test
    void the_application_role_draws_proforma_numbers_and_owns_nothing_not_even_flowable_tables() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, APP, APP_PASSWORD); Statement s = c.createStatement()) {
            assertThat(query(s, "select nextval('proforma_number_seq')::text")).hasSize(1);
            assertThat(query(s, """
                    select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace
                       and pg_get_userbyid(c.relowner) <> '%s' order by 1""".formatted(OWNER)))
                    .as("objects in public not owned by the owner").isEmpty();
            assertThat(query(s, "select count(*)::text from pg_tables where tablename like 'act\\_%' and tableowner = '"
                    + OWNER + "'")).as("Flowable's tables, created by the owner").doesNotContain("0");
        }
    }

    @Test
    void the_application_role_cannot_do_what_only_the_owner_may() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, APP, APP_PASSWORD); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("alter table proforma disable trigger all"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("create table public.shadow (i integer)"))
                    .hasMessageContaining("permission denied for schema public");
            assertThatThrownBy(() -> s.execute("""
                    insert into proforma_version (proforma_id, operation, valid_from, actor, txid, number, customer_name,
                                                  issue_date, currency, status)
                    values (1, 'U', now(), 'forged', 1, 'X', 'forged', current_date, 'EUR', 'DRAFT')"""))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void the_embedded_cluster_trusts_nobody_and_keeps_its_passwords_to_its_user() throws Exception {
        try (Connection c = roles.asSuperuser(); Statement s = c.createStatement()) {
            assertThat(query(s, "select distinct auth_method from pg_hba_file_rules")).containsExactly("scram-sha-256");
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(
                java.nio.file.Path.of("target/test-postgres/countersign-passwords.properties")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void nobody_logs_in_without_the_password() {
        assertThatThrownBy(() -> DriverManager.getConnection(url, APP, "wrong").close())
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> DriverManager.getConnection(url.replaceFirst("\\?.*$", "") + "?user=postgres").close())
                .isInstanceOf(SQLException.class);
    }

    private static List<String> query(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static void dropQuietly(Statement dba) throws SQLException {
        dba.execute("drop database if exists " + DATABASE + " with (force)");
        dba.execute("drop role if exists " + APP);
        dba.execute("drop role if exists " + OWNER);
    }
}
