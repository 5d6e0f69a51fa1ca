package com.countersign.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two roles every attack test runs as: the one the portal really connects as, and one granted
 * by the production script. Neither owns the Countersign tables (issue 13, item 1; ApplicationRoleTest
 * checks it), so attacks that only a missing grant stops must hold against both.
 */
public enum AttackRole {
    PORTAL, GRANT_SCRIPT;

    public Connection connect(DatabaseRoles roles) throws SQLException {
        return this == PORTAL ? roles.asPortalRole() : roles.asGrantScriptRole();
    }

    /**
     * Whether this connection may create TEMP tables at all. Since changeset 016 revokes TEMP from PUBLIC,
     * the grant script's role may not; a TEMP shadowing attack then cannot even start, which
     * {@link #refusesTempTables} asserts before the test moves on.
     */
    public static boolean mayCreateTempTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("select has_database_privilege(current_database(), 'TEMPORARY')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public static void refusesTempTables(Statement s) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("create temp table shadow (i integer)"))
                .hasMessageContaining("permission denied to create temporary tables");
    }
}
