package com.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.ForgedChangeSets;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What history and the guard cost. The same 100,000-row UPDATE on three identical tables: one
 * without triggers (the baseline), the real proforma table (statement-level triggers, under an
 * approved change set) and a copy with the row-level variant of the same work. Then one
 * proforma saved through the service against a raw single-row UPDATE.
 */
@Tag("bench")
@CountersignTest
class HistoryBenchmark {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;
    @Autowired ProformaService proformas;
    @Autowired DatabaseRoles roles;

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void history_and_guard_cost_at_most_twice_a_plain_bulk_update() throws SQLException {
        int rows = BenchSettings.rows("history", 100_000);
        BenchProformas.ensure(rows, jdbc, transactions);
        long lo = jdbc.sql("select min(id) from proforma where created_by = :l").param("l", BenchProformas.LOADER)
                .query(Long.class).single();
        long hi = lo + rows - 1;
        createVariants(lo, hi);
        List<Long> targets = java.util.stream.LongStream.rangeClosed(lo, hi).boxed().toList();

        List<Double> plain = new ArrayList<>();
        List<Double> statement = new ArrayList<>();
        List<Double> rowLevel = new ArrayList<>();
        for (int run = -BenchSettings.warmups(); run < BenchSettings.runs(); run++) {
            vacuum();
            keep(run, plain, update("bench_plain_proforma", lo, hi, null, run));
            // a change set is claimed once: each run applies one of its own, its rows pinned as targets
            long changeSet = ForgedChangeSets.approved(roles, rows, targets);
            keep(run, statement, update("proforma", lo, hi, changeSet, run));
            keep(run, rowLevel, update("bench_rowlevel_proforma", lo, hi, changeSet, run));
        }

        BenchReport report = BenchReport.start("history", "history and guard on a 100,000-row update", jdbc)
                .setup("rows updated", rows)
                .setup("statement", "update <table> set notes = ... where id between ...");
        BenchReport.Figure baseline = report.add("plain table, no triggers", new Timing(plain));
        report.add("proforma: statement-level history + guard, approved token", new Timing(statement))
                .atMostTimes(2.0, baseline);
        report.add("row-level variant of the same work", new Timing(rowLevel)).relativeTo(baseline);

        singleSaves(report, lo);
        report.write();
        if (BenchSettings.strict()) {
            assertThat(report.missedTargets()).extracting(BenchReport.Figure::label).isEmpty();
        }
    }

    private void singleSaves(BenchReport report, long id) {
        Users.actAs("bench", "STAFF");
        List<Double> service = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        int runs = Math.max(100, BenchSettings.runs() * 10);
        for (int run = -BenchSettings.warmups() * 10; run < runs; run++) {
            ProformaSnapshot current = proformas.find(id).orElseThrow();
            var content = current.content();
            var changed = new com.countersign.proforma.ProformaContent(content.customerName(), content.customerAddress(),
                    content.customerVatId(), content.issueDate(), content.validUntil(), content.currency(),
                    content.status(), "save " + run, content.lines());
            long start = System.nanoTime();
            proformas.update(id, current.version(), changed);
            keep(run, service, (System.nanoTime() - start) / 1e6);
            start = System.nanoTime();
            jdbc.sql("update proforma set notes = :n where id = :id").param("n", "raw " + run).param("id", id + 1)
                    .update();
            keep(run, raw, (System.nanoTime() - start) / 1e6);
        }
        Timing rawTiming = new Timing(raw);
        Timing serviceTiming = new Timing(service);
        BenchReport.Figure rawFigure = report.add("raw single-row JDBC update", rawTiming);
        report.add("single proforma saved through the service", serviceTiming).relativeTo(rawFigure);
        report.setup("single save p50/p95 ms", "%.2f / %.2f".formatted(serviceTiming.median(), serviceTiming.p95()))
                .setup("raw update p50/p95 ms", "%.2f / %.2f".formatted(rawTiming.median(), rawTiming.p95()));
    }

    private static void keep(int run, List<Double> into, double millis) {
        if (run >= 0) {
            into.add(millis);
        }
    }

    private double update(String table, long lo, long hi, Long changeSet, int run) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            s.execute("select set_config('countersign.actor', 'bench', true)");
            if (changeSet != null && table.equals("proforma")) {
                ForgedChangeSets.claimAndUse(c, changeSet);
            } else if (changeSet != null) {
                s.execute("select set_config('countersign.change_set', '" + changeSet + "', true)");
            }
            s.executeUpdate("update " + table + " set notes = 'run " + run + "' where id between " + lo + " and " + hi);
            c.commit();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private void vacuum() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("vacuum bench_plain_proforma, proforma, bench_rowlevel_proforma");
        }
    }

    /** Identical copies of the rows; the row-level copy does per row what the real triggers do per statement. */
    private void createVariants(long lo, long hi) {
        jdbc.sql("drop table if exists bench_plain_proforma, bench_rowlevel_proforma, bench_rowlevel_version").update();
        jdbc.sql("create table bench_plain_proforma (like proforma including all)").update();
        jdbc.sql("create table bench_rowlevel_proforma (like proforma including all)").update();
        jdbc.sql("create table bench_rowlevel_version (like proforma_version including all)").update();
        for (String table : List.of("bench_plain_proforma", "bench_rowlevel_proforma")) {
            jdbc.sql("insert into " + table + " select * from proforma where id between :lo and :hi")
                    .param("lo", lo).param("hi", hi).update();
        }
        jdbc.sql("""
                create or replace function bench_rowlevel_capture() returns trigger language plpgsql as $$
                begin
                    insert into bench_rowlevel_version (proforma_id, operation, valid_from, actor, change_set_id,
                           reason, txid, number, customer_name, customer_address, customer_vat_id, issue_date,
                           valid_until, currency, status, notes, source, version, created_at, created_by,
                           updated_at, updated_by)
                    values (new.id, 'U', now(), countersign_actor(), countersign_change_set(), countersign_reason(),
                           txid_current(), new.number, new.customer_name, new.customer_address, new.customer_vat_id,
                           new.issue_date, new.valid_until, new.currency, new.status, new.notes, new.source,
                           new.version, new.created_at, new.created_by, new.updated_at, new.updated_by);
                    perform countersign_touch(array[old.id]);
                    return null;
                end $$""").update();
        jdbc.sql("""
                create or replace function bench_rowlevel_prepare() returns trigger language plpgsql as $$
                begin
                    perform countersign_sweep_touched(1000);
                    return null;
                end $$""").update();
        jdbc.sql("""
                create or replace function bench_rowlevel_check() returns trigger language plpgsql as $$
                begin
                    perform countersign_guard_check(countersign_touched_count(), tg_table_name::text, tg_op);
                    return null;
                end $$""").update();
        jdbc.sql("""
                create trigger bench_prepare before update on bench_rowlevel_proforma
                    for each statement execute function bench_rowlevel_prepare()""").update();
        jdbc.sql("""
                create trigger bench_capture after update on bench_rowlevel_proforma
                    for each row execute function bench_rowlevel_capture()""").update();
        jdbc.sql("""
                create trigger bench_check after update on bench_rowlevel_proforma
                    for each statement execute function bench_rowlevel_check()""").update();
        jdbc.sql("analyze bench_plain_proforma").update();
        jdbc.sql("analyze bench_rowlevel_proforma").update();
    }
}
