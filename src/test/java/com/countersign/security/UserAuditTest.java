package com.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.security.UserAuditEntry.Action;
import com.countersign.security.UserAuditEntry.Filter;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.SecondPerson;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Every change to who may sign in, with which roles and password, leaves a line nobody can change. */
@CountersignTest
class UserAuditTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    UserAdminService users;

    @Autowired
    UserAuditService audit;

    @Autowired
    SignInThrottle throttle;

    @Autowired
    SignInPolicy policy;

    @Autowired
    DatabaseRoles roles;

    @Autowired
    SecondPerson secondPerson;

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void each_admin_action_appends_one_line_with_who_did_it_and_never_the_password() {
        String username = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        Users.actAs("admin", "ADMIN");

        long id = users.create(username, "Audited Person", EnumSet.of(Role.STAFF), PASSWORD).id();
        users.update(id, "Audited Person", EnumSet.of(Role.STAFF, Role.REVIEWER), "admin");
        secondPerson.approveAllFor(username);
        users.update(id, "Renamed Person", EnumSet.of(Role.STAFF, Role.REVIEWER), "admin");
        users.setEnabled(id, false, "admin");
        users.setEnabled(id, true, "admin");
        secondPerson.approveAllFor(username);
        users.requestPasswordReset(id);
        String temporary = secondPerson.approveAllFor(username);
        for (int i = 0; i < policy.account().lockAfter(); i++) {
            throttle.admit(username, null);
        }
        users.unlock(id);

        List<UserAuditEntry> lines = linesAbout(username);
        assertThat(lines).extracting(UserAuditEntry::action).containsExactly(Action.CREATE,
                Action.REQUEST, Action.ROLES, Action.APPROVE, Action.RENAME, Action.DISABLE,
                Action.REQUEST, Action.ENABLE, Action.APPROVE, Action.REQUEST, Action.PASSWORD_RESET, Action.APPROVE,
                Action.LOCKOUT, Action.UNLOCK);
        assertThat(lines).extracting(UserAuditEntry::actor).containsExactly("admin", "admin", "admin2", "admin2",
                "admin", "admin", "admin", "admin2", "admin2", "admin", "admin2", "admin2", "sign-in door", "admin");
        assertThat(lines.get(1).detail()).isEqualTo("grant REVIEWER; waits for approval by another admin");
        assertThat(lines.get(2).detail()).isEqualTo("STAFF → REVIEWER, STAFF (asked by admin, approved by admin2)");
        assertThat(lines.get(4).detail()).isEqualTo("Audited Person → Renamed Person");
        assertThat(lines.get(12).detail()).startsWith(policy.account().lockAfter() + " failed sign-ins");
        assertThat(lines).extracting(UserAuditEntry::detail)
                .noneMatch(d -> d != null && (d.contains(PASSWORD) || d.contains(temporary)));
    }

    @Test
    void a_refused_action_leaves_no_line() {
        String username = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        Users.actAs("admin", "ADMIN");
        long id = users.create(username, "Refused Person", EnumSet.of(Role.STAFF), PASSWORD).id();

        assertThatThrownBy(() -> users.update(id, " ", EnumSet.of(Role.STAFF, Role.ADMIN), "admin"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.unlock(id)).isInstanceOf(IllegalArgumentException.class);

        assertThat(linesAbout(username)).extracting(UserAuditEntry::action).containsExactly(Action.CREATE);
    }

    @Test
    void managers_read_the_audit_and_staff_do_not() {
        Users.actAs("manager", "MANAGER", "REVIEWER");
        assertThat(audit.count(Filter.none())).isNotNegative();

        Users.actAs("staff", "STAFF");
        assertThatThrownBy(() -> audit.find(Filter.none(), 0, 10)).isInstanceOf(AccessDeniedException.class);
        Users.actAs("reviewer", "REVIEWER");
        assertThatThrownBy(() -> audit.count(Filter.none())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_application_role_appends_and_reads_but_cannot_change_or_remove_a_line() throws Exception {
        try (Connection c = roles.asGrantScriptRole(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into user_admin_event (action, actor, target) values ('UNLOCK', 'test', 'nobody-x')");
            assertThatThrownBy(() -> s.executeUpdate("update user_admin_event set actor = 'forged'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("delete from user_admin_event"))
                    .hasMessageContaining("permission denied");
        }
        try (Connection c = roles.asOwner(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update user_admin_event set actor = 'forged'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("truncate user_admin_event")).hasMessageContaining("append-only");
        }
    }

    private List<UserAuditEntry> linesAbout(String username) {
        Users.actAs("manager", "MANAGER");
        try {
            List<UserAuditEntry> oldestFirst = new ArrayList<>(audit.find(new Filter(null, username, null, null), 0, 100));
            Collections.reverse(oldestFirst);
            return oldestFirst;
        } finally {
            Users.actAs("admin", "ADMIN");
        }
    }
}
