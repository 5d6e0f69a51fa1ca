package com.countersign.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.AttackRole;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only the history triggers write history, and every version carries where it came from: a SQL
 * session naming a person is shown as what it is.
 */
@CountersignTest
class HistoryOriginTest {

    @Autowired
    DatabaseRoles roles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProformaService proformas;

    @Autowired
    HistoryService history;

    long id;

    @BeforeEach
    void a_proforma_exists() {
        Users.actAs("staff", "STAFF");
        id = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Origin"))).id();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void history_rows_cannot_be_inserted_by_hand(AttackRole role) throws SQLException {
        long versions = versions();
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("""
                    insert into proforma_version (proforma_id, operation, valid_from, actor, txid, number, customer_name,
                           customer_address, issue_date, valid_until, currency, status, source, version, created_at,
                           created_by, updated_at, updated_by)
                    select proforma_id, 'U', now(), 'manager', txid, number, customer_name, customer_address, issue_date,
                           valid_until, currency, status, source, version, created_at, created_by, updated_at, updated_by
                      from proforma_version where proforma_id = %d""".formatted(id)))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("""
                    insert into proforma_line_version (proforma_id, position, operation, valid_from, actor, txid,
                           description, quantity, unit_price, tax_rate)
                    values (%d, 0, 'U', now(), 'manager', 1, 'forged', 1, 1, 0)""".formatted(id)))
                    .hasMessageContaining("permission denied");
        }
        assertThat(versions()).isEqualTo(versions);
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_sql_session_naming_a_person_is_recorded_with_its_database_role(AttackRole role) throws SQLException {
        String dbRole;
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            dbRole = single(s, "select session_user");
            s.execute("select set_config('countersign.actor', 'manager', false)");
            s.executeUpdate("update proforma set notes = 'as the manager?' where id = " + id);
        }
        var latest = jdbc.sql("""
                select db_user, app_actor, actor, txid is not null as has_txid from proforma_version
                 where proforma_id = :id order by version_id desc limit 1""").param("id", id).query().singleRow();
        assertThat(latest).containsEntry("db_user", dbRole).containsEntry("app_actor", "manager")
                .containsEntry("has_txid", true);
        String portalRole = jdbc.sql("select session_user").query(String.class).single();
        String shown = history.timeline(id).get(0).actor();
        if (dbRole.equals(portalRole)) {
            // the portal's own credentials are the portal as far as the database can tell
            assertThat(shown).isEqualTo("manager");
        } else {
            assertThat(shown).isEqualTo("manager via SQL as " + dbRole);
        }
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_sql_session_without_an_actor_is_shown_as_sql(AttackRole role) throws SQLException {
        String dbRole;
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            dbRole = single(s, "select session_user");
            s.executeUpdate("update proforma set notes = 'from psql' where id = " + id);
        }
        assertThat(history.timeline(id).get(0).actor()).isEqualTo("via SQL as " + dbRole);
    }

    private long versions() {
        return jdbc.sql("select (select count(*) from proforma_version) + (select count(*) from proforma_line_version)")
                .query(Long.class).single();
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
