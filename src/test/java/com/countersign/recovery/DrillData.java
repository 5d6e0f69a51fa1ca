package com.countersign.recovery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Seeds many proformas set-based (INSERTs pass the guard) and fingerprints their content. */
final class DrillData {

    static final String LOADER = "drill-loader";

    private DrillData() {}

    /** Seeded through the portal's role; the id sequence, which only its owner may move, by {@code owner}. */
    static PostmortemDrillTest.Range seed(JdbcClient jdbc, PlatformTransactionManager transactions, JdbcClient owner,
            String prefix, int count) {
        PostmortemDrillTest.Range seeded = new TransactionTemplate(transactions).execute(tx -> seedNow(jdbc, prefix, count));
        owner.sql("select setval(pg_get_serial_sequence('proforma', 'id'), (select max(id) from proforma))")
                .query().singleRow();
        return seeded;
    }

    private static PostmortemDrillTest.Range seedNow(JdbcClient jdbc, String prefix, int count) {
        jdbc.sql("select set_config('countersign.actor', :loader, true), set_config('countersign.reason', 'Drill seed', true)")
                .param("loader", LOADER).query().singleRow();
        long base = jdbc.sql("select coalesce(max(id), 0) + 1000 from proforma").query(Long.class).single();
        jdbc.sql("""
                insert into proforma (id, number, customer_name, customer_address, customer_vat_id, issue_date,
                                      valid_until, currency, status, notes, source, created_by, updated_by)
                select :base + g, 'PF-2026-' || lpad(nextval('proforma_number_seq')::text, 6, '0'),
                       :prefix || ' ' || g, g || ' Market Street' || chr(10) || '10115 Berlin',
                       case when g % 5 = 0 then null else 'DE' || lpad(g::text, 9, '0') end,
                       date '2026-01-01' + g % 300, date '2026-01-01' + g % 300 + 30,
                       (array['EUR', 'USD', 'GBP'])[1 + g % 3],
                       (array['DRAFT', 'ISSUED', 'ACCEPTED'])[1 + g % 3],
                       case when g % 7 = 0 then 'Deliver in two parts' end, 'PORTAL', :loader, :loader
                  from generate_series(1, :count) g
                """).param("base", base).param("prefix", prefix).param("count", count).param("loader", LOADER).update();
        jdbc.sql("""
                insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                select :base + g, pos, 'Item ' || pos || ' of ' || g, 1 + (g + pos) % 9,
                       round(10 + (g * 37 + pos * 101) % 50000 / 100.0, 2), (array[0, 7, 19, 20])[1 + (g + pos) % 4]
                  from generate_series(1, :count) g cross join lateral generate_series(0, g % 3) pos
                """).param("base", base).param("count", count).update();
        return new PostmortemDrillTest.Range(base + 1, base + count);
    }

    /** Every seeded proforma's content and lines, except the one given (whose later edit is kept). */
    static String content(JdbcClient jdbc, PostmortemDrillTest.Range range, long except) {
        return jdbc.sql("""
                select md5(string_agg(concat_ws('|', p.id, p.number, p.customer_name, p.customer_address,
                           p.customer_vat_id, p.issue_date, p.valid_until, p.currency, p.status, p.notes, p.source,
                           p.created_at, p.created_by,
                           (select string_agg(concat_ws(':', l.position, l.description, l.quantity, l.unit_price,
                                                        l.tax_rate), ',' order by l.position)
                              from proforma_line l where l.proforma_id = p.id)), '/' order by p.id))
                  from proforma p where p.id between :first and :last and p.id <> :except
                """).param("first", range.first()).param("last", range.last()).param("except", except)
                .query(String.class).single();
    }

    static String contentWithoutNotes(JdbcClient jdbc, long id) {
        return jdbc.sql("""
                select concat_ws('|', p.id, p.number, p.customer_name, p.customer_address, p.customer_vat_id,
                           p.issue_date, p.valid_until, p.currency, p.status, p.source,
                           (select string_agg(concat_ws(':', l.position, l.description, l.quantity, l.unit_price,
                                                        l.tax_rate), ',' order by l.position)
                              from proforma_line l where l.proforma_id = p.id))
                  from proforma p where p.id = :id
                """).param("id", id).query(String.class).single();
    }
}
