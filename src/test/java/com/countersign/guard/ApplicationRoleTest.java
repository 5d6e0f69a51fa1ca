package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * With an external database the application runs as a role set up by db/roles/app-role.sql (the
 * README's recommendation). That role can edit a proforma, but it cannot switch the guard off.
 */
@CountersignTest
class ApplicationRoleTest {

    static final String ROLE = "countersign_app";

    @Autowired
    EmbeddedPostgres postgres;

    @Autowired
    ProformaService proformas;

    long proformaId;

    void prepare() throws Exception {
        Users.actAs("staff", "STAFF");
        proformaId = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Role"))).id();
        proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Role")));
        Users.anonymous();
        String grants = new ClassPathResource("db/roles/app-role.sql").getContentAsString(StandardCharsets.UTF_8);
        try (Connection c = postgres.getDatabase("postgres", "countersign").getConnection();
                Statement s = c.createStatement()) {
            s.execute("do $$ begin if exists (select from pg_roles where rolname = '" + ROLE + "') then "
                    + "execute 'drop owned by " + ROLE + "'; end if; end $$");
            s.execute("drop role if exists " + ROLE);
            s.execute("create role " + ROLE + " login");
        }
        // the owner of the tables grants, as an operator would with the README's script
        try (Connection c = postgres.getDatabase("countersign", "countersign").getConnection();
                Statement s = c.createStatement()) {
            s.execute(grants);
        }
    }

    @Test
    void the_grants_script_covers_every_countersign_table() throws Exception {
        prepare();
        try (Connection c = postgres.getDatabase("countersign", "countersign").getConnection();
                Statement s = c.createStatement();
                var missing = s.executeQuery("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'public' and c.relkind in ('r', 'v')
                           and c.relname not like 'databasechangelog%%' and c.relname not like 'act\\_%%'
                           and c.relname not like 'flw\\_%%'
                           and pg_get_userbyid(c.relowner) <> '%s'
                           and not has_table_privilege('%s', c.oid, 'SELECT')
                         order by 1""".formatted(ROLE, ROLE))) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            while (missing.next()) {
                tables.add(missing.getString(1));
            }
            assertThat(tables).as("tables the application role cannot read").isEmpty();
        }
    }

    private Connection asApplicationRole() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl(ROLE, "countersign"));
    }

    @Test
    void the_application_role_edits_one_proforma_but_cannot_disable_the_guard() throws Exception {
        prepare();
        try (Connection c = asApplicationRole(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update proforma set notes = 'by app role' where id = " + proformaId))
                    .isEqualTo(1);
            assertThatThrownBy(() -> s.execute("alter table proforma disable trigger all"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("drop trigger a_proforma_guard_update on proforma"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'all'"))
                    .hasMessageContaining("Countersign guard");
            assertThatThrownBy(() -> s.executeUpdate("delete from proforma_version"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("alter table proforma_version disable trigger all"))
                    .hasMessageContaining("must be owner");
        }
    }
}
