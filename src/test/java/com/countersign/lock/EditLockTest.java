package com.countersign.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.base.EditingLockedException;
import com.countersign.history.HistoryService;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.ForgedChangeSets;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** While editing is locked nothing writes proformas: not the services, not raw SQL as the app's own role. */
@CountersignTest
class EditLockTest {

    @Autowired
    DatabaseRoles roles;

    @Autowired
    EditLockService locks;

    @Autowired
    ProformaService proformas;

    @Autowired
    HistoryService history;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    ProformaSnapshot existing;
    Instant beforeEdit;

    @BeforeEach
    void a_proforma_exists() throws InterruptedException {
        Users.actAs("staff", "STAFF");
        existing = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Locked")));
        Thread.sleep(5);
        beforeEdit = Instant.now();
        Users.anonymous();
    }

    @AfterEach
    void open_again() {
        Locks.forceOpen(jdbc);
        Users.anonymous();
    }

    @Test
    void every_service_write_is_refused_with_the_reason_while_locked() {
        lockAsManager("Restoring the 2024-05-09 damage");
        String before = Tables.checksum(jdbc);
        Users.actAs("staff", "STAFF");
        var content = Fixtures.content(Fixtures.uniqueCustomer("Blocked"));
        assertThatThrownBy(() -> proformas.create(content)).isInstanceOf(EditingLockedException.class)
                .hasMessageContaining("Restoring the 2024-05-09 damage").hasMessageContaining("by manager");
        assertThatThrownBy(() -> proformas.update(existing.id(), existing.version(), content))
                .isInstanceOf(EditingLockedException.class);
        assertThatThrownBy(() -> history.restore(existing.id(), Instant.now(), "back"))
                .isInstanceOf(EditingLockedException.class);
        assertThatThrownBy(() -> proformas.enterFromPaper("PF-2026-999999", content))
                .isInstanceOf(EditingLockedException.class);
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
    }

    @Test
    void raw_sql_as_the_application_role_is_refused_by_the_database() {
        lockAsManager("Incident 42");
        String before = Tables.checksum(jdbc);
        assertThatThrownBy(() -> execute(null, "update proforma set notes = 'x' where id = " + existing.id()))
                .hasMessageContaining("editing is locked (INCIDENT)").hasMessageContaining("Incident 42");
        assertThatThrownBy(() -> execute(null, "delete from proforma_line where proforma_id = " + existing.id()))
                .hasMessageContaining("editing is locked");
        assertThatThrownBy(() -> execute(null, """
                insert into proforma (number, customer_name, customer_address, issue_date, valid_until, currency,
                                      status, created_by, updated_by)
                values ('PF-2026-888888', 'x', 'y', current_date, current_date, 'EUR', 'DRAFT', 'sql', 'sql')
                """)).hasMessageContaining("editing is locked");
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
    }

    @Test
    void only_the_running_deployments_token_may_write_while_it_holds_the_lock() throws SQLException {
        long deployment = changeSet("DEPLOYMENT");
        long other = changeSet("BULK_EDIT");
        Users.actAs("admin", "ADMIN");
        locks.lockForDeployment(deployment, "Release 7.3 data fix");
        Users.anonymous();
        assertThatThrownBy(() -> execute(other, "update proforma set notes = 'other' where id = " + existing.id()))
                .hasMessageContaining("editing is locked (DEPLOYMENT)");
        execute(deployment, "update proforma set notes = 'fixed' where id = " + existing.id());
        assertThat(jdbc.sql("select notes from proforma where id = :id").param("id", existing.id())
                .query(String.class).single()).isEqualTo("fixed");
        Users.actAs("admin", "ADMIN");
        locks.unlockDeployment(deployment, "Release 7.3 done");
        assertThat(locks.current().locked()).isFalse();
    }

    @Test
    void writes_work_again_after_unlock_and_both_are_on_record() {
        lockAsManager("Short incident");
        Users.actAs("manager", "MANAGER");
        locks.unlock("Data checked");
        Users.actAs("staff", "STAFF");
        var saved = proformas.update(existing.id(), existing.version(),
                Fixtures.content(existing.content().customerName()));
        assertThat(saved.version()).isEqualTo(existing.version() + 1);
        Users.actAs("manager", "MANAGER");
        var events = locks.events(2);
        assertThat(events).extracting(EditLockEvent::action).containsExactly("UNLOCK", "LOCK");
        assertThat(events).extracting(EditLockEvent::actor).containsOnly("manager");
        assertThat(events.get(0).note()).isEqualTo("Data checked");
        assertThat(events.get(1).reason()).isEqualTo("Short incident");
    }

    @Test
    void a_lock_set_from_psql_is_audited_with_the_database_role() {
        // only the owner may still update the row by hand; the portal's role goes through the lock functions
        roles.ownerSql().sql("""
                update edit_lock set locked = true, kind = 'INCIDENT', reason = 'by hand', since = now(),
                       locked_by = 'dba' where id = 1
                """).update();
        assertThat(locks.current().block()).hasValueSatisfying(b -> assertThat(b.by()).isEqualTo("dba"));
        Users.actAs("manager", "MANAGER");
        assertThat(locks.events(1).get(0).actor()).isEqualTo(roles.ownerRole());
        assertThat(locks.events(1).get(0).dbUser()).isEqualTo(roles.ownerRole());
    }

    @Test
    void only_managers_and_admins_lock_and_a_lock_needs_a_reason() {
        Users.actAs("staff", "STAFF");
        assertThatThrownBy(() -> locks.lock("mine", null)).isInstanceOf(AccessDeniedException.class);
        Users.actAs("manager", "MANAGER");
        assertThatThrownBy(() -> locks.lock(" ", null)).hasMessageContaining("Say why");
        assertThatThrownBy(() -> locks.lock("late", Instant.now().minus(1, ChronoUnit.HOURS)))
                .hasMessageContaining("future");
        locks.lock("first", null);
        assertThatThrownBy(() -> locks.lock("second", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first");
    }

    @Test
    void the_history_table_of_the_lock_is_append_only() {
        lockAsManager("audit me");
        // the portal's role holds no such grant; the owner, who could, meets the triggers
        assertThatThrownBy(() -> jdbc.sql("delete from edit_lock_event").update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("delete from edit_lock").update()).rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> roles.ownerSql().sql("delete from edit_lock_event").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> roles.ownerSql().sql("delete from edit_lock").update())
                .hasMessageContaining("keeps the lock state");
    }

    private void lockAsManager(String reason) {
        Users.actAs("manager", "MANAGER");
        locks.lock(reason, Instant.now().plus(2, ChronoUnit.HOURS));
        Users.anonymous();
    }

    private long changeSet(String kind) {
        return ForgedChangeSets.forge(roles, kind, "APPROVED", 1, List.of(existing.id()));
    }

    private void execute(Long token, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (token != null) {
                    ForgedChangeSets.claimAndUse(c, token);
                }
                s.executeUpdate(sql);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
