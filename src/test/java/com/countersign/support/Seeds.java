package com.countersign.support;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many proformas at once for benchmarks and drills, in one statement and straight into the tables. */
public final class Seeds {

    private Seeds() {}

    /**
     * {@code count} DRAFT proformas of one line each for {@code customer}, written by {@code who}
     * ("Bench", "Drill": it names the street, the line and the actor). Inserts are not guarded and
     * history records them; the tables are analyzed afterwards.
     */
    public static void oneLineProformas(JdbcClient jdbc, String customer, int count, String who) {
        // one statement, so one transaction: lines of proformas created with them are free
        jdbc.sql("""
                with created as (
                    insert into proforma (number, customer_name, customer_address, issue_date, valid_until, currency,
                                          status, created_by, updated_by)
                    select 'PF-2099-' || lpad(nextval('proforma_number_seq')::text, 7, '0'), :customer, :street,
                           date '2026-01-01', date '2026-02-01', 'EUR', 'DRAFT', :actor, :actor
                      from generate_series(1, :count)
                    returning id)
                insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                select id, 0, :line, 1, 100, 20 from created
                """).param("customer", customer).param("street", who + " street 1")
                .param("actor", who.toLowerCase(Locale.ROOT)).param("count", count).param("line", who + " line")
                .update();
        jdbc.sql("analyze proforma").update();
        jdbc.sql("analyze proforma_line").update();
    }
}
