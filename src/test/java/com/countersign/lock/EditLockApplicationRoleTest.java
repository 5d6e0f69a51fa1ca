package com.countersign.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import com.countersign.support.AttackRole;
import com.countersign.support.DatabaseRoles;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With the split roles of db/roles/app-role.sql: the application role locks and unlocks through the
 * owner's functions only, the lock holds against its own raw SQL, and it cannot write the lock's
 * audit trail by hand.
 */
@CountersignTest
class EditLockApplicationRoleTest {

    @Autowired
    DatabaseRoles roles;

    @Autowired
    ProformaService proformas;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void open_again() {
        Locks.forceOpen(jdbc);
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_application_role_locks_and_is_then_refused_like_everyone_else(AttackRole role) throws Exception {
        Users.actAs("staff", "STAFF");
        long id = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Role lock"))).id();
        Users.anonymous();
        String dbUser;
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            dbUser = c.getMetaData().getUserName();
            s.execute("select set_config('countersign.actor', 'manager', false)");
            assertThatThrownBy(() -> s.execute("update edit_lock set locked = true, kind = 'INCIDENT', reason = 'x', "
                    + "since = now(), locked_by = 'manager' where id = 1"))
                    .hasMessageContaining("permission denied");
            s.execute("select public.countersign_edit_lock('INCIDENT', 'from the app role', null, null)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'x' where id = " + id))
                    .hasMessageContaining("editing is locked");
            assertThatThrownBy(() -> s.executeUpdate(
                    "insert into edit_lock_event (action, actor) values ('UNLOCK', 'forged')"))
                    .hasMessageContaining("permission denied");
            s.execute("select public.countersign_edit_unlock(null)");
            assertThat(s.executeUpdate("update proforma set notes = 'open again' where id = " + id)).isEqualTo(1);
        }
        assertThat(jdbc.sql("select db_user from edit_lock_event order by id desc limit 2").query(String.class).list())
                .containsOnly(dbUser);
    }
}
