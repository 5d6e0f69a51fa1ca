package com.countersign.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the way the postmortem's deployment did: as the owner, with the triggers switched off. */
public final class PastTheTriggers {

    private PastTheTriggers() {}

    /**
     * As the owner, in one transaction: every user trigger of both tables off, the writes, every
     * trigger back exactly as it was (most are ENABLE ALWAYS). Returns the id of the last proforma inserted.
     */
    public static long write(DatabaseRoles roles, String... statements) throws SQLException {
        try (Connection owner = roles.asOwner(); Statement s = owner.createStatement()) {
            owner.setAutoCommit(false);
            Map<String, String> states = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("""
                    select c.relname, t.tgname, t.tgenabled from pg_trigger t join pg_class c on c.oid = t.tgrelid
                     where c.relname in ('proforma', 'proforma_line') and not t.tgisinternal
                    """)) {
                while (rs.next()) {
                    states.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
                }
            }
            s.execute("alter table proforma disable trigger user");
            s.execute("alter table proforma_line disable trigger user");
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
            long last;
            try (ResultSet rs = s.executeQuery("select max(id) from proforma")) {
                rs.next();
                last = rs.getLong(1);
            }
            for (Map.Entry<String, String> state : states.entrySet()) {
                String[] tableAndTrigger = state.getKey().split(" ");
                String how = switch (state.getValue()) {
                    case "A" -> "enable always";
                    case "R" -> "enable replica";
                    case "D" -> "disable";
                    default -> "enable";
                };
                s.execute("alter table " + tableAndTrigger[0] + " " + how + " trigger " + tableAndTrigger[1]);
            }
            owner.commit();
            return last;
        }
    }
}
