package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The roles attack tests use are the ones they say: the portal's own, and the production script's. */
@CountersignTest
class DatabaseRolesTest {

    @Autowired
    DatabaseRoles roles;

    @Test
    void the_grant_script_role_is_not_the_owner_and_cannot_create_in_its_name() throws SQLException {
        try (Connection c = roles.asGrantScriptRole(); Statement s = c.createStatement();
                var rs = s.executeQuery("select current_user, pg_get_userbyid(relowner) from pg_class where relname = 'proforma'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(DatabaseRoles.GRANTED);
            assertThat(rs.getString(2)).isNotEqualTo(DatabaseRoles.GRANTED);
        }
    }

    @Autowired
    javax.sql.DataSource pool;

    @Test
    void the_portal_role_is_the_role_of_the_portals_own_pool() throws SQLException {
        try (Connection mine = roles.asPortalRole(); Connection pooled = pool.getConnection()) {
            assertThat(currentUser(mine)).isEqualTo(currentUser(pooled));
        }
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("select current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
