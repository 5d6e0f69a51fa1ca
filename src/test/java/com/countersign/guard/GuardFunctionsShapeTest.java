package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What keeps the guard from being fooled, checked on the catalog, so that a function or trigger
 * added later without it fails here; and a role with DML on proformas only still meets the guard
 * and leaves history (the deployment sandbox's situation).
 */
@CountersignTest
class GuardFunctionsShapeTest {

    static final String DML_ONLY = "countersign_dml_only";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseRoles roles;

    @Autowired
    ProformaService proformas;

    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void every_guard_history_and_lock_function_pins_its_search_path_and_belongs_to_the_owner() {
        List<String> loose = jdbc.sql("""
                select p.proname || ' ' || coalesce(array_to_string(p.proconfig, ','), 'no settings')
                  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = 'public'
                   and (p.proname like 'countersign\\_%' or p.proname like 'proforma\\_%' or p.proname like 'edit\\_lock\\_%')
                   and (p.proconfig is null or not 'search_path=pg_catalog, pg_temp' = any (p.proconfig)
                        or pg_get_userbyid(p.proowner) <> (select pg_get_userbyid(relowner) from pg_class
                                                             where oid = 'public.proforma'::regclass))
                 order by 1""").query(String.class).list();
        assertThat(loose).as("functions without search_path = pg_catalog, pg_temp or not the owner's").isEmpty();
    }

    @Test
    void history_guard_and_lock_triggers_fire_in_replica_mode_too() {
        List<String> origin = jdbc.sql("""
                select c.relname || '.' || t.tgname
                  from pg_trigger t join pg_class c on c.oid = t.tgrelid
                 where not t.tgisinternal and t.tgenabled <> 'A'
                   and c.relname in ('proforma', 'proforma_line', 'proforma_version', 'proforma_line_version',
                                     'guard_commit_check', 'edit_lock', 'edit_lock_event')
                 order by 1""").query(String.class).list();
        assertThat(origin).as("triggers that session_replication_role = replica would skip").isEmpty();
    }

    @Test
    void a_role_with_dml_on_proformas_only_meets_the_guard_and_leaves_history() throws Exception {
        Users.actAs("staff", "STAFF");
        long first = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("DML only"))).id();
        long second = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("DML only"))).id();
        Users.anonymous();
        try (Connection c = roles.asSuperuser(); Statement s = c.createStatement()) {
            s.execute("do $$ begin if exists (select from pg_roles where rolname = '" + DML_ONLY + "') then "
                    + "execute 'drop owned by " + DML_ONLY + "'; end if; end $$");
            s.execute("drop role if exists " + DML_ONLY);
            s.execute("create role " + DML_ONLY + " login password '" + DML_ONLY + "'");
        }
        try (Connection c = roles.asOwner(); Statement s = c.createStatement()) {
            s.execute("grant usage on schema public to " + DML_ONLY);
            s.execute("grant select, insert, update, delete on proforma, proforma_line to " + DML_ONLY);
        }
        long versions = jdbc.sql("select count(*) from proforma_version where proforma_id = :id").param("id", first)
                .query(Long.class).single();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(DML_ONLY, "countersign"), DML_ONLY, DML_ONLY);
                Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update proforma set notes = 'dml only' where id = " + first)).isEqualTo(1);
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'both' where id in (" + first + ", "
                    + second + ")")).hasMessageContaining("touches 2 proformas in one statement");
        }
        assertThat(jdbc.sql("select db_user from proforma_version where proforma_id = :id order by version_id desc")
                .param("id", first).query(String.class).list())
                .hasSize((int) versions + 1).first().isEqualTo(DML_ONLY);
    }
}
