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
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What history and the guard cost (issue 13, item 9). The same 100,000-row UPDATE on two identical
 * tables: one without triggers (the baseline) and the real proforma table, under a change set
 * approved for exactly those proformas and claimed by the updating transaction, as an apply does
 * (history, guard, target check, version move, loop breaker: every trigger there is). Then one
 * proforma saved through the service against a raw single-row UPDATE. The row-level comparison of
 * the first design is gone: with the guard's per-transaction bookkeeping in an owner table it cost
 * minutes per run and measured a design nobody would choose.
 */
@Tag("bench")
@CountersignTest
class HistoryBenchmark {

    static final double BULK_TIMES_PLAIN = 1.6;

    @Autowired JdbcClient jdbc;
    @Autowired DatabaseRoles roles;
    @Autowired ProformaService proformas;

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void history_and_guard_cost_at_most_1_6_times_a_plain_bulk_update() throws SQLException {
        int rows = BenchSettings.rows("history", 100_000);
        BenchProformas.ensure(rows, roles.ownerSql(), roles.ownerTransactions());
        long lo = jdbc.sql("select min(id) from proforma where created_by = :l").param("l", BenchProformas.LOADER)
                .query(Long.class).single();
        long hi = lo + rows - 1;
        createVariants(lo, hi);
        List<Long> targets = LongStream.rangeClosed(lo, hi).boxed().toList();

        List<Double> plain = new ArrayList<>();
        List<Double> statement = new ArrayList<>();
        for (int run = -BenchSettings.warmups(); run < BenchSettings.runs(); run++) {
            vacuum();
            keep(run, plain, update("bench_plain_proforma", lo, hi, null, run));
            // a change set is claimed once: each run applies one of its own, its rows pinned as targets
            long changeSet = ForgedChangeSets.approved(roles, rows, targets);
            keep(run, statement, update("proforma", lo, hi, changeSet, run));
        }

        BenchReport report = BenchReport.start("history", "history and guard on a 100,000-row update", jdbc)
                .setup("rows updated", rows)
                .setup("statement", "update <table> set notes = ... where id between ...");
        BenchReport.Figure baseline = report.add("plain table, no triggers", new Timing(plain));
        report.add("proforma: history + guard + target check, claimed approved token", new Timing(statement))
                .atMostTimes(BULK_TIMES_PLAIN, baseline);

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
        try (Connection c = roles.asOwner(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            s.execute("select set_config('countersign.actor', 'bench', true)");
            if (changeSet != null) {
                ForgedChangeSets.claimAndUse(c, changeSet);
            }
            s.executeUpdate("update " + table + " set notes = 'run " + run + "' where id between " + lo + " and " + hi);
            c.commit();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private void vacuum() throws SQLException {
        try (Connection c = roles.asOwner(); Statement s = c.createStatement()) {
            s.execute("vacuum bench_plain_proforma, proforma");
        }
    }

    /** An identical copy of the rows, without a trigger. */
    private void createVariants(long lo, long hi) {
        JdbcClient owner = roles.ownerSql();
        owner.sql("drop table if exists bench_plain_proforma, bench_rowlevel_proforma, bench_rowlevel_version").update();
        owner.sql("create table bench_plain_proforma (like proforma including all)").update();
        owner.sql("insert into bench_plain_proforma select * from proforma where id between :lo and :hi")
                .param("lo", lo).param("hi", hi).update();
        owner.sql("analyze bench_plain_proforma").update();
    }
}
