package com.countersign.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many proformas with 1-5 lines each, made by set-based SQL as the application's database user.
 * Loading is setup, not the measured path, so it skips the service; it only INSERTs (which the
 * guard allows, however many rows) and says who writes, as the application does. The data are
 * deterministic: issue dates rise with the number over six years (as they do in real life),
 * customers, statuses and amounts are spread by hashes of the row number. Loaded once per
 * database: a later benchmark in the same JVM finds them and reuses them.
 */
public final class BenchProformas {

    public static final String LOADER = "bench-loader";
    private static final int CHUNK = 50_000;

    private static final String INSERT_PROFORMAS = """
            insert into proforma (id, number, customer_name, customer_address, customer_vat_id, issue_date,
                                  valid_until, currency, status, notes, source, created_at, created_by, updated_at,
                                  updated_by)
            select :base + g,
                   'PF-' || extract(year from d.issued) || '-' || lpad((:base + g)::text, 7, '0'),
                   (array['Acme','Alpine','Baltic','Beacon','Cedar','Crown','Delta','Eastern','Falcon','Granite',
                          'Harbor','Helix','Iron','Juniper','Keystone','Lumen','Maple','Meridian','Nordic',
                          'Northwind','Oak','Orbit','Pioneer','Quartz','Redwood','Riverside','Sapphire','Summit',
                          'Tidal','Union','Vertex','Vista','Westfield','Willow','Zenith','Atlas','Bright','Coastal',
                          'Evergreen','Silver'])[1 + h % 40]
                     || ' ' || (array['Trading','Logistics','Systems','Foods','Textiles','Energy','Media','Tools',
                                      'Labs','Works','Supplies','Partners','Motors','Pharma','Studio','Retail',
                                      'Metals','Print','Farms','Digital','Marine','Optics','Cargo','Design',
                                      'Health'])[1 + h / 40 % 25]
                     || ' ' || (array['GmbH','AG','Ltd','SAS','BV','SRL','Oy','AB'])[1 + h / 1000 % 8],
                   (1 + h % 200) || ' Market Street' || chr(10) || lpad((10000 + h % 89999)::text, 5, '0')
                     || ' Berlin',
                   case when h % 5 = 0 then null else 'DE' || lpad((h % 999999999)::text, 9, '0') end,
                   d.issued, d.issued + 30,
                   (array['EUR','EUR','EUR','EUR','EUR','EUR','EUR','USD','GBP','CHF'])[1 + k / 20 % 10],
                   case when k % 20 < 3 then 'DRAFT' when k % 20 < 11 then 'ISSUED'
                        when k % 20 < 18 then 'ACCEPTED' else 'CANCELLED' end,
                   case when h % 10 = 0 then 'Delivery in two parts' end,
                   case when h % 50 = 0 then 'PAPER' else 'PORTAL' end,
                   d.issued + interval '9 hours' + (h % 28800) * interval '1 second', :loader,
                   d.issued + interval '9 hours' + (h % 28800) * interval '1 second'
                     + (k / 1000 % 20) * interval '1 day', :loader
              from generate_series(:from, :to) g
             cross join lateral (select hashint4(g)::bigint & 2147483647 as h,
                                        hashint4(g + 1000003)::bigint & 2147483647 as k) r
             cross join lateral (select date '2020-01-03'
                                        + ((g - 1)::bigint * 2186 / :total + r.k / 200 % 5 - 2)::int as issued) d
            """;

    private static final String INSERT_LINES = """
            insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
            select :base + g, pos,
                   (array['Consulting day','Licence, annual','Support hours','Hardware unit','Shipping',
                          'Training seat','Maintenance','Installation','Spare parts','Travel costs'])[1 + (h + pos) % 10],
                   1 + (h + pos * 7) % 20,
                   round(10 + (h / 3 + pos * 131) % 199000 / 100.0, 2),
                   (array[0, 7, 19, 20])[1 + (h / 11 + pos) % 4]
              from generate_series(:from, :to) g
             cross join lateral (select hashint4(g + 7)::bigint & 2147483647 as h) r
             cross join lateral generate_series(0, h % 5) pos
            """;

    private BenchProformas() {}

    public record Loaded(int proformas, long lines, Duration took, boolean reused) {}

    /** Makes sure the database holds at least {@code count} loader-made proformas. */
    public static Loaded ensure(int count, JdbcClient jdbc, PlatformTransactionManager transactions) {
        int present = jdbc.sql("select count(*) from proforma where created_by = :loader").param("loader", LOADER)
                .query(Integer.class).single();
        if (present >= count) {
            return new Loaded(present, lines(jdbc), Duration.ZERO, true);
        }
        long start = System.nanoTime();
        long base = jdbc.sql("select coalesce(max(id), 0) from proforma").query(Long.class).single();
        load(present + 1, count, base, count, jdbc, new TransactionTemplate(transactions));
        // the application's own inserts go on after the loaded ids
        jdbc.sql("select setval(pg_get_serial_sequence('proforma', 'id'), (select max(id) from proforma))")
                .query().singleRow();
        settle(jdbc);
        return new Loaded(count, lines(jdbc), Duration.ofNanos(System.nanoTime() - start), false);
    }

    /** Chunks in parallel, one transaction each; every chunk writes its proformas, then their lines. */
    private static void load(int from, int to, long base, int total, JdbcClient jdbc, TransactionTemplate tx) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> chunks = new ArrayList<>();
            for (int first = from; first <= to; first += CHUNK) {
                int last = Math.min(to, first + CHUNK - 1);
                int chunkFrom = first;
                chunks.add(pool.submit(() -> tx.executeWithoutResult(status -> {
                    jdbc.sql("""
                            select set_config('countersign.actor', :loader, true),
                                   set_config('countersign.reason', 'Benchmark bulk load', true)
                            """).param("loader", LOADER).query().singleRow();
                    jdbc.sql(INSERT_PROFORMAS).param("base", base).param("from", chunkFrom).param("to", last)
                            .param("total", total).param("loader", LOADER).update();
                    jdbc.sql(INSERT_LINES).param("base", base).param("from", chunkFrom).param("to", last).update();
                })));
            }
            for (Future<?> chunk : chunks) {
                chunk.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading proformas", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Loading proformas failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Fresh statistics, and the visibility map set as autovacuum keeps it on a live table, so the
     * planner sees the table as production would. A vacuum that runs while another transaction is
     * open cannot mark the newest rows all-visible; then it is simply repeated.
     */
    private static void settle(JdbcClient jdbc) {
        for (int attempt = 0; attempt < 10; attempt++) {
            jdbc.sql("vacuum (analyze) proforma, proforma_line").update();
            double visible = jdbc.sql("""
                    select coalesce(sum(relallvisible)::float / nullif(sum(relpages), 0), 1)
                      from pg_class where oid in ('proforma'::regclass, 'proforma_line'::regclass)
                    """).query(Double.class).single();
            if (visible >= 0.99) {
                return;
            }
            pause();
        }
    }

    private static long lines(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from proforma_line").query(Long.class).single();
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the vacuum", e);
        }
    }
}
