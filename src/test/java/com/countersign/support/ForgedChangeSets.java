package com.countersign.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Change sets made by hand, as the owner (the portal's role may not write change sets since
 * changeset 024): in any status, with the proformas they may write pinned as targets. A token is
 * honoured only in the transaction that claims it, so a writer under one claims it first.
 */
public final class ForgedChangeSets {

    private ForgedChangeSets() {}

    /** A change set of {@code kind} in {@code status} for {@code expected} proformas, {@code targets} pinned. */
    public static long forge(DatabaseRoles roles, String kind, String status, int expected, Collection<Long> targets) {
        JdbcClient owner = roles.ownerSql();
        long id = owner.sql("""
                insert into change_set (kind, status, reason, requested_by, expected_count)
                values (:kind, 'DRAFT', 'forged for a test', 'staff', :expected) returning id
                """).param("kind", kind).param("expected", expected).query(Long.class).single();
        owner.sql("""
                insert into change_set_target (change_set_id, proforma_id, previewed_version)
                select :cs, id, version from proforma where id = any (cast(:ids as bigint[]))
                """).param("cs", id)
                .param("ids", targets.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .update();
        owner.sql("update change_set set status = :status where id = :id").param("status", status).param("id", id)
                .update();
        return id;
    }

    public static long approved(DatabaseRoles roles, int expected, Collection<Long> targets) {
        return forge(roles, "BULK_EDIT", "APPROVED", expected, targets);
    }

    /** Claims the change set for the transaction running on {@code c}, as the apply does; true if claimed. */
    public static boolean claim(Connection c, long changeSet) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("select public.countersign_change_set_claim(" + changeSet + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Claims and sets the token for the transaction running on {@code c} (autocommit off). */
    public static void claimAndUse(Connection c, long changeSet) throws SQLException {
        claim(c, changeSet);
        try (Statement s = c.createStatement()) {
            s.execute("select set_config('countersign.change_set', '" + changeSet + "', true)");
        }
    }
}
