package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.AttackRole;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13, one level deeper than the postmortem: the guard's own functions cannot be fooled by
 * the role that writes. Each attack runs as the portal's role and as the grant script's role, and
 * not one proforma or line changes.
 */
@CountersignTest
class GuardFunctionsHoldTest {

    @Autowired
    DatabaseRoles roles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProformaService proformas;

    final List<Long> ids = new ArrayList<>();
    String before;

    @BeforeEach
    void three_proformas_exist() {
        Users.actAs("staff", "STAFF");
        for (int i = 0; i < 3; i++) {
            ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Guard holds"))).id());
        }
        Users.anonymous();
        before = Tables.checksum(jdbc);
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_temp_change_set_does_not_forge_a_token(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            if (!AttackRole.mayCreateTempTables(c)) {
                AttackRole.refusesTempTables(s);
                return;
            }
            s.execute("""
                    create temp table change_set (id bigint, kind text, status text, reason text, requested_by text,
                                                  expected_count integer)""");
            s.execute("insert into change_set values (999999999, 'BULK_EDIT', 'APPROVED', 'forged', 'x', 3)");
            s.execute("select set_config('countersign.change_set', '999999999', false)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'forged' where id in " + idList()))
                    .hasMessageContaining("change set 999999999 does not exist");
        }
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void temp_history_tables_do_not_swallow_history(AttackRole role) throws SQLException {
        long headers = count("proforma_version");
        long lines = count("proforma_line_version");
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            if (!AttackRole.mayCreateTempTables(c)) {
                AttackRole.refusesTempTables(s);
                return;
            }
            s.execute("create temp table proforma_version as select * from public.proforma_version limit 0");
            s.execute("create temp table proforma_line_version as select * from public.proforma_line_version limit 0");
            s.executeUpdate("update proforma set notes = 'shadowed?' where id = " + ids.get(0));
            s.executeUpdate("update proforma_line set description = 'shadowed?' where proforma_id = " + ids.get(0));
        }
        // the header's own update, and its version moving again for the line update in the next transaction (021)
        assertThat(count("proforma_version")).isEqualTo(headers + 2);
        assertThat(count("proforma_line_version")).isEqualTo(lines + 1);
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_table_or_view_named_like_the_touched_set_does_not_reset_the_count(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            if (!AttackRole.mayCreateTempTables(c)) {
                AttackRole.refusesTempTables(s);
                return;
            }
            // writes into these views land in the sink, and counting them always says 0
            s.execute("create temp table touched_sink (txid bigint, proforma_id bigint primary key)");
            s.execute("create temp view countersign_touched as select proforma_id from touched_sink where false");
            s.execute("create temp view guard_touched as select txid, proforma_id from touched_sink where false");
            c.setAutoCommit(false);
            s.executeUpdate("update proforma set notes = 'one' where id = " + ids.get(0));
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'two' where id = " + ids.get(1)))
                    .hasMessageContaining("this transaction has now changed 2 proformas");
            c.rollback();
        }
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_touched_set_cannot_be_emptied_between_single_row_updates(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("update proforma set notes = 'one' where id = " + ids.get(0));
            assertThatThrownBy(() -> s.executeUpdate("delete from public.guard_touched"))
                    .hasMessageContaining("permission denied");
            c.rollback();
            s.executeUpdate("update proforma set notes = 'one' where id = " + ids.get(0));
            assertThatThrownBy(() -> s.executeUpdate("delete from public.guard_commit_check"))
                    .hasMessageContaining("permission denied");
            c.rollback();
            // sweeping is open to anyone, and leaves a running transaction's rows alone
            s.executeUpdate("update proforma set notes = 'one' where id = " + ids.get(0));
            s.execute("select public.countersign_sweep_touched(1000)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'two' where id = " + ids.get(1)))
                    .hasMessageContaining("this transaction has now changed 2 proformas");
            c.rollback();
        }
        assertNothingChanged();
    }

    @Test
    void a_sweep_keeps_the_running_transactions_touched_rows_and_clears_finished_ones() throws SQLException {
        try (Connection writer = roles.asGrantScriptRole(); Statement w = writer.createStatement();
                Connection other = roles.asGrantScriptRole(); Statement o = other.createStatement()) {
            writer.setAutoCommit(false);
            w.executeUpdate("update proforma set notes = notes where id = " + ids.get(0));
            long txid = single(w, "select txid_current()");
            w.execute("select public.countersign_sweep_touched(1000000)");
            assertThat(single(w, "select public.countersign_touched_count()")).isEqualTo(1);
            assertThatThrownBy(() -> w.executeUpdate("update proforma set notes = notes where id = " + ids.get(1)))
                    .hasMessageContaining("this transaction has now changed 2 proformas");
            writer.rollback();
            w.executeUpdate("update proforma set notes = notes where id = " + ids.get(0));
            txid = single(w, "select txid_current()");
            writer.commit();
            assertThat(single(o, "select count(*) from public.guard_touched where txid = " + txid)).isEqualTo(1);
            o.execute("select public.countersign_sweep_touched(1000000)");
            assertThat(single(o, "select count(*) from public.guard_touched where txid = " + txid)).isZero();
        }
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_count_aggregate_in_public_does_not_redirect_the_count(AttackRole role) throws SQLException {
        String zero = "create function public.countersign_zero(bigint) returns bigint language sql as 'select 0::bigint'";
        String count = "create aggregate public.count(*) (sfunc = public.countersign_zero, stype = bigint, initcond = '0')";
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            refusesToCreateInPublic(s, zero);
            // planted by someone who may create in public (the owner), the decoy still changes nothing
            roles.ownerSql().sql(zero).update();
            roles.ownerSql().sql(count).update();
            try {
                s.execute("set search_path = public, pg_catalog");
                c.setAutoCommit(false);
                s.executeUpdate("update proforma set notes = 'one' where id = " + ids.get(0));
                assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'two' where id = " + ids.get(1)))
                        .hasMessageContaining("this transaction has now changed 2 proformas");
                c.rollback();
            } finally {
                c.setAutoCommit(true);
                roles.ownerSql().sql("drop aggregate public.count(*)").update();
                roles.ownerSql().sql("drop function public.countersign_zero(bigint)").update();
            }
        }
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void an_overload_of_the_guard_check_in_public_is_never_called(AttackRole role) throws SQLException {
        String overload = """
                create function public.countersign_guard_check(touched_now bigint, tbl name, op text) returns void
                    language sql as 'select null'""";
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            refusesToCreateInPublic(s, overload);
            roles.ownerSql().sql(overload).update(); // planted by one who may, it is still never called
            try {
                assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'all' where id in " + idList()))
                        .hasMessageContaining("touches 3 proformas in one statement");
            } finally {
                roles.ownerSql().sql("drop function public.countersign_guard_check(bigint, name, text)").update();
            }
        }
        assertNothingChanged();
    }

    /** Neither the portal's role nor the grant script's may create anything in public (issue 13, item 1). */
    private static void refusesToCreateInPublic(Statement s, String create) {
        assertThatThrownBy(() -> s.execute(create)).hasMessageContaining("permission denied for schema public");
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_line_insert_into_existing_proformas_counts_like_an_update(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("""
                    insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                    select id, 900, 'surprise charge', 1, 99999, 0 from proforma where id in %s""".formatted(idList())))
                    .hasMessageContaining("INSERT on proforma_line touches 3 proformas");
            c.setAutoCommit(false);
            s.executeUpdate(lineInto(ids.get(0)));
            assertThatThrownBy(() -> s.executeUpdate(lineInto(ids.get(1))))
                    .hasMessageContaining("this transaction has now changed 2 proformas");
            c.rollback();
        }
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void copy_into_proforma_line_counts_too(AttackRole role) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (long id : ids) {
            rows.append(id).append("\t901\tsurprise charge\t1\t99999\t0\n");
        }
        try (Connection c = role.connect(roles)) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertThatThrownBy(() -> copy.copyIn("""
                    copy proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate) from stdin""",
                    new StringReader(rows.toString())))
                    .hasMessageContaining("INSERT on proforma_line touches 3 proformas");
        }
        assertNothingChanged();
    }

    @Test
    void a_new_proforma_with_its_lines_in_one_transaction_stays_free() throws SQLException {
        try (Connection c = roles.asGrantScriptRole(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("""
                    insert into proforma (number, customer_name, customer_address, issue_date, valid_until, currency,
                                          status, created_by, updated_by)
                    select 'PF-2099-' || lpad(nextval('proforma_number_seq')::text, 7, '0'), 'Guard holds new ' || g,
                           'Street 1', date '2026-01-01', date '2026-02-01', 'EUR', 'DRAFT', 'sql', 'sql'
                      from generate_series(1, 3) g""");
            assertThat(s.executeUpdate("""
                    insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                    select id, 0, 'first line', 1, 10, 20 from proforma where customer_name like 'Guard holds new %'
                       and xmin = pg_current_xact_id()::xid""")).isEqualTo(3);
            c.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void replica_mode_does_not_skip_the_guard(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("set session_replication_role = replica"))
                    .hasMessageContaining("permission denied");
        }
        long headers = count("proforma_version");
        try (Connection c = roles.asSuperuser(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'replica' where id in " + idList()))
                    .hasMessageContaining("touches 3 proformas in one statement");
            s.executeUpdate("update proforma set notes = 'replica, one' where id = " + ids.get(0));
        }
        assertThat(count("proforma_version")).as("the single write in replica mode is in history").isEqualTo(headers + 1);
    }

    private String lineInto(long proformaId) {
        return """
                insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                values (%d, 902, 'surprise charge', 1, 99999, 0)""".formatted(proformaId);
    }

    private String idList() {
        return "(" + String.join(", ", ids.stream().map(String::valueOf).toList()) + ")";
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private void assertNothingChanged() {
        assertThat(Tables.checksum(jdbc)).as("proforma and proforma_line rows").isEqualTo(before);
    }
}
