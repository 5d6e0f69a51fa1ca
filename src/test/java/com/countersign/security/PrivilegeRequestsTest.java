package com.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.SecondPerson;
import com.countersign.support.Users;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.GrantedAuthority;

/** What raises privilege waits for a second person: who may approve it, and who never. */
@CountersignTest
class PrivilegeRequestsTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired UserAdminService users;
    @Autowired PrivilegeRequests requests;
    @Autowired SecondPerson secondPerson;
    @Autowired DatabaseRoles roles;
    @Autowired DatabaseUserDetailsService userDetails;

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void with_one_active_admin_a_manager_approves_and_with_two_only_the_other_admin_does() {
        String username = "asked-" + UUID.randomUUID().toString().substring(0, 8);
        Users.actAs("admin", "ADMIN");
        long id = users.create(username, "Asked Person", EnumSet.of(Role.STAFF), PASSWORD).id();
        users.requestPasswordReset(id);
        PrivilegeRequest reset = pendingAbout(username);

        secondPerson.ensureAdmin2();
        Users.actAs("manager", "MANAGER", "REVIEWER");
        assertThatThrownBy(() -> requests.approve(reset.id(), null)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("Another ADMIN approves this");

        List<String> otherAdmins = roles.ownerSql().sql("""
                update app_user set enabled = false
                 where enabled and username <> 'admin'
                   and id in (select user_id from app_user_role where role = 'ADMIN') returning username""")
                .query(String.class).list();
        try {
            Users.actAs("manager", "MANAGER", "REVIEWER");
            String temporary = requests.approve(reset.id(), "only one admin today").temporaryPassword();
            assertThat(userDetails.loadUserByUsername(username).getAuthorities())
                    .extracting(GrantedAuthority::getAuthority).containsExactly(PasswordChange.REQUIRED);
            assertThat(temporary).hasSize(20);
        } finally {
            roles.ownerSql().sql("update app_user set enabled = true where username in (:names)")
                    .param("names", otherAdmins.isEmpty() ? List.of("") : otherAdmins).update();
        }
    }

    @Test
    void nobody_approves_their_own_request_nor_one_about_themselves() {
        secondPerson.ensureAdmin2();
        Users.actAs("admin", "ADMIN");
        users.requestPasswordReset(idOf(SecondPerson.ADMIN2));
        PrivilegeRequest aboutAdmin2 = pendingAbout(SecondPerson.ADMIN2);

        assertThatThrownBy(() -> requests.approve(aboutAdmin2.id(), null)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("admin asked for privilege request");
        Users.actAs(SecondPerson.ADMIN2, "ADMIN");
        assertThatThrownBy(() -> requests.approve(aboutAdmin2.id(), null)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("Nobody approves a request about themselves");
        assertThatThrownBy(() -> requests.cancel(aboutAdmin2.id())).isInstanceOf(AccessDeniedException.class);

        Users.actAs("admin", "ADMIN");
        requests.cancel(aboutAdmin2.id());
        assertThat(requests.pending()).noneMatch(r -> r.id() == aboutAdmin2.id());
    }

    @Test
    void the_application_role_cannot_forge_a_decision_nor_rewrite_or_remove_a_request() throws Exception {
        String username = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        Users.actAs("admin", "ADMIN");
        users.create(username, "Forged Person", EnumSet.of(Role.STAFF, Role.ADMIN), PASSWORD);
        long id = pendingAbout(username).id();

        for (java.sql.Connection c : new java.sql.Connection[] {roles.asPortalRole(), roles.asGrantScriptRole()}) {
            try (c; java.sql.Statement s = c.createStatement()) {
                // the requester approving in SQL, past the service
                assertThatThrownBy(() -> s.executeUpdate("update privilege_request set status = 'APPROVED', "
                        + "decided_by = 'admin', decided_at = now() where id = " + id))
                        .hasMessageContaining("privilege_request");
                assertThatThrownBy(() -> s.executeUpdate("update privilege_request set roles = 'STAFF' where id = " + id))
                        .hasMessageMatching("(?s).*(permission denied|decided once).*");
                assertThatThrownBy(() -> s.executeUpdate("delete from privilege_request where id = " + id))
                        .hasMessageMatching("(?s).*(permission denied|never removed).*");
            }
        }
        assertThat(pendingAbout(username).status()).isEqualTo(PrivilegeRequest.Status.PENDING);
    }

    private PrivilegeRequest pendingAbout(String username) {
        return requests.pending().stream().filter(r -> r.username().equals(username)).findFirst().orElseThrow();
    }

    private long idOf(String username) {
        return users.list().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow().id();
    }
}
