package com.countersign.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two roles every attack test runs as: the one the portal really connects as, and one granted
 * by the production script. Attacks that only a missing grant stops hold against the portal's
 * role once it is not the owner (issue 13, item 1); until then {@link #isOwner} says so.
 */
public enum AttackRole {
    PORTAL, GRANT_SCRIPT;

    public Connection connect(DatabaseRoles roles) throws SQLException {
        return this == PORTAL ? roles.asPortalRole() : roles.asGrantScriptRole();
    }

    /** True when this role owns the Countersign tables: the owner is trusted, only detected (issue 13). */
    public boolean isOwner(DatabaseRoles roles) throws SQLException {
        try (Connection c = connect(roles); Statement s = c.createStatement();
                var rs = s.executeQuery("select pg_get_userbyid(relowner) = current_user from pg_class where oid = 'public.proforma'::regclass")) {
            rs.next();
            return rs.getBoolean(1);
        }
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
