package com.countersign.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.security.UserAuditEntry;
import com.countersign.security.UserAuditEntry.Action;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UserAuditViewTest extends KaribuTest {

    @Autowired
    UserAdminService users;

    @Autowired
    com.countersign.support.SecondPerson secondPerson;

    @Test
    void a_manager_finds_the_role_change_of_one_user_by_name_and_kind() {
        String username = "seen-" + UUID.randomUUID().toString().substring(0, 8);
        login("admin", "ADMIN");
        long id = users.create(username, "Seen Person", EnumSet.of(Role.STAFF), "correct horse battery").id();
        users.update(id, "Seen Person", EnumSet.of(Role.STAFF, Role.MANAGER), "admin");
        secondPerson.approveAllFor(username);

        login("manager", "MANAGER", "REVIEWER");
        UserAuditView view = navigate(UserAuditView.class);
        _setValue(view.person, username);

        assertThat(rows(view)).extracting(UserAuditEntry::action)
                .containsExactly(Action.APPROVE, Action.ROLES, Action.REQUEST, Action.CREATE);
        assertThat(GridKt._getFormatted(view.grid, 1, "detail"))
                .isEqualTo("STAFF → MANAGER, STAFF (asked by admin, approved by admin2)");
        assertThat(GridKt._getFormatted(view.grid, 1, "actor")).isEqualTo("admin2");
        assertThat(GridKt._getFormatted(view.grid, 2, "actor")).isEqualTo("admin");

        _setValue(view.action, Action.CREATE);
        assertThat(rows(view)).extracting(UserAuditEntry::action).containsExactly(Action.CREATE);

        _setValue(view.from, LocalDate.now().plusDays(1));
        assertThat(rows(view)).isEmpty();
    }

    @Test
    void staff_cannot_open_the_user_audit() {
        login("staff", "STAFF");
        UI.getCurrent().navigate(UserAuditView.class);
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain())
                .noneMatch(UserAuditView.class::isInstance);
    }

    private static List<UserAuditEntry> rows(UserAuditView view) {
        return IntStream.range(0, GridKt._size(view.grid)).mapToObj(i -> GridKt._get(view.grid, i)).toList();
    }
}
