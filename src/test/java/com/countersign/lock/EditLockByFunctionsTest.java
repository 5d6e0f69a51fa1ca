package com.countersign.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.AttackRole;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An incident lock set by a manager holds against raw SQL of the portal's role and of the grant
 * script's role: not lifted by UPDATE, not hidden by a TEMP table, not rebound to a change set.
 */
@CountersignTest
class EditLockByFunctionsTest {

    @Autowired
    DatabaseRoles roles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProformaService proformas;

    @Autowired
    EditLockService locks;

    long id;
    long deployment;
    String before;

    @BeforeEach
    void a_manager_locks_editing() {
        Users.actAs("staff", "STAFF");
        id = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Lock by SQL"))).id();
        deployment = roles.ownerSql().sql("""
                insert into change_set (kind, status, reason, requested_by, expected_count)
                values ('DEPLOYMENT', 'APPROVED', 'an approved deployment', 'admin', 1) returning id
                """).query(Long.class).single();
        Users.actAs("manager", "MANAGER");
        locks.lock("Incident: wrong totals", null);
        Users.anonymous();
        before = Tables.checksum(jdbc);
    }

    @AfterEach
    void open_again() {
        Locks.forceOpen(jdbc);
        roles.ownerSql().sql("update change_set set status = 'EXPIRED' where id = :id").param("id", deployment).update();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_lock_cannot_be_lifted_by_an_update(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update edit_lock set locked = false, kind = null, reason = null, "
                    + "since = null, locked_by = null"))
                    .hasMessageContaining("permission denied");
        }
        assertStillLockedAndUnchanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_temp_edit_lock_does_not_open_editing(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            if (!AttackRole.mayCreateTempTables(c)) {
                AttackRole.refusesTempTables(s);
                return;
            }
            s.execute("""
                    create temp table edit_lock (id smallint, locked boolean, kind text, reason text, since timestamptz,
                                                 locked_by text, change_set_id bigint)""");
            s.execute("insert into edit_lock (id, locked) values (1, false)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'x' where id = " + id))
                    .hasMessageContaining("editing is locked");
        }
        assertStillLockedAndUnchanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_lock_cannot_be_rebound_to_a_change_set(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            s.execute("select set_config('countersign.actor', 'manager', false)");
            assertThat(bool(s, "select public.countersign_edit_lock('DEPLOYMENT', 'mine now', null, " + deployment + ")"))
                    .isFalse();
            assertThat(bool(s, "select public.countersign_edit_unlock(" + deployment + ")")).isFalse();
            s.execute("select set_config('countersign.change_set', '" + deployment + "', false)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'x' where id = " + id))
                    .hasMessageContaining("editing is locked");
        }
        assertStillLockedAndUnchanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void unlocking_without_the_portals_actor_is_refused(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("select public.countersign_edit_unlock(null)"))
                    .hasMessageContaining("needs the actor the portal sets");
        }
        assertStillLockedAndUnchanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_deployment_lock_needs_an_approved_deployment(AttackRole role) throws SQLException {
        Locks.forceOpen(jdbc);
        long bulk = roles.ownerSql().sql("""
                insert into change_set (kind, status, reason, requested_by, expected_count)
                values ('BULK_EDIT', 'APPROVED', 'not a deployment', 'admin', 1) returning id
                """).query(Long.class).single();
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("select public.countersign_edit_lock('DEPLOYMENT', 'x', null, " + bulk + ")"))
                    .hasMessageContaining("is no approved deployment");
        } finally {
            roles.ownerSql().sql("update change_set set status = 'EXPIRED' where id = :id").param("id", bulk).update();
        }
        assertThat(locks.current().locked()).isFalse();
    }

    private void assertStillLockedAndUnchanged() {
        EditLock held = locks.current();
        assertThat(held.locked()).isTrue();
        assertThat(held.kind()).isEqualTo(EditLockKind.INCIDENT);
        assertThat(held.changeSetId()).isNull();
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
    }

    private static boolean bool(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
