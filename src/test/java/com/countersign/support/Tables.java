package com.countersign.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Fingerprints of whole tables: equal before and after means not one byte of a row changed. */
public final class Tables {

    private Tables() {}

    public static String checksum(JdbcClient jdbc) {
        return jdbc.sql("""
                select coalesce(md5(string_agg(p::text, '|' order by p.id)), '') ||
                       (select coalesce(md5(string_agg(l::text, '|' order by l.proforma_id, l.position)), '')
                          from proforma_line l)
                  from proforma p
                """).query(String.class).single();
    }
}
