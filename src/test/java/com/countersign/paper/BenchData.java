package com.countersign.paper;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many realistic proformas at once, in one statement (new proformas with their lines are free for the guard; history still captures them). */
final class BenchData {

    private BenchData() {}

    /** {@code count} proformas of {@code lines} lines each; returns the customer prefix that selects them. */
    static String seed(JdbcClient jdbc, int count, int lines) {
        String prefix = "Bench " + UUID.randomUUID().toString().substring(0, 8);
        // one statement, so one transaction: lines of proformas created with them are free for the guard
        jdbc.sql("""
                with created as (
                    insert into proforma (number, customer_name, customer_address, customer_vat_id, issue_date,
                                          valid_until, currency, status, notes, created_by, updated_by)
                    select 'PF-2026-' || lpad(nextval('proforma_number_seq')::text, 6, '0'),
                           :prefix || ' Customer ' || g, g || ' Industrial Park' || chr(10) || '10115 Berlin', 'DE' || (100000000 + g),
                           date '2026-01-01' + (g % 300), date '2026-01-31' + (g % 300), 'EUR',
                           (array['DRAFT','ISSUED','ACCEPTED'])[1 + g % 3], case when g % 4 = 0 then 'Deliver to gate 3' end,
                           'bench', 'bench'
                      from generate_series(1, :count) g
                    returning id)
                insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                select p.id, l, 'Item ' || l || ' of order ' || p.id, 1 + l % 5, 10.5 * (l + 1), (array[20, 7, 0])[1 + l % 3]
                  from created p cross join generate_series(0, :lines - 1) l
                """).param("prefix", prefix).param("count", count).param("lines", lines).update();
        return prefix;
    }
}
