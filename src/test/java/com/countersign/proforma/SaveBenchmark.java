package com.countersign.proforma;

import static com.countersign.support.Fixtures.line;

import com.countersign.bench.BenchReport;
import com.countersign.bench.BenchSettings;
import com.countersign.bench.Timing;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the time of one save through {@link ProformaService#update} goes, against a raw
 * single-row UPDATE. The save is replayed statement by statement on one connection, each round
 * trip timed, in the order the service makes them (write context, edit lock, the aggregate and
 * its lines, the risk policy, then Spring Data JDBC's update, delete of every line and insert of
 * every line, commit); what the replay does not account for is the service's own overhead
 * (proxies, security, mapping). Only the notes change, as in HistoryBenchmark.
 */
@Tag("bench")
@CountersignTest
class SaveBenchmark {

    static final double SERVICE_TIMES_RAW = 3;

    @Autowired ProformaService proformas;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void one_save_through_the_service_against_a_raw_update() throws SQLException {
        Users.actAs("bench", "STAFF");
        ProformaSnapshot saved = proformas.create(threeLines("Saved"));
        ProformaSnapshot replayed = proformas.create(threeLines("Replayed"));
        long raw = proformas.create(threeLines("Raw")).id();
        List<Double> service = new ArrayList<>();
        List<Double> rawUpdate = new ArrayList<>();
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        int runs = Math.max(100, BenchSettings.runs() * 10);
        for (int run = -BenchSettings.warmups() * 10; run < runs; run++) {
            ProformaSnapshot current = proformas.find(saved.id()).orElseThrow();
            ProformaContent changed = withNotes(current.content(), "save " + run);
            long start = System.nanoTime();
            proformas.update(saved.id(), current.version(), changed);
            keep(run, service, millisSince(start));
            start = System.nanoTime();
            jdbc.sql("update proforma set notes = :n where id = :id").param("n", "raw " + run).param("id", raw).update();
            keep(run, rawUpdate, millisSince(start));
            replay(replayed.id(), "replay " + run, run, steps);
        }

        BenchReport report = BenchReport.start("save", "one proforma saved through the service, step by step", jdbc)
                .setup("proforma", "3 lines; only the notes change")
                .setup("runs", runs + " saves after " + BenchSettings.warmups() * 10 + " warm-up saves")
                .runs(BenchSettings.warmups() * 10, runs);
        BenchReport.Figure rawFigure = report.add("raw single-row UPDATE (autocommit, one round trip)",
                new Timing(rawUpdate));
        report.add("one save through ProformaService.update", new Timing(service))
                .atMostTimes(SERVICE_TIMES_RAW, rawFigure);
        double replayTotal = 0;
        for (var step : steps.entrySet()) {
            Timing timing = new Timing(step.getValue());
            replayTotal += timing.median();
            report.add("  replay: " + step.getKey(), timing).relativeTo(rawFigure);
        }
        report.setup("round trips replayed", steps.size())
                .setup("replay sum of medians ms", "%.2f".formatted(replayTotal));
        report.write();
    }

    /** The service's statements, as they reach PostgreSQL, on one connection in one transaction. */
    private void replay(long id, String notes, int run, Map<String, List<Double>> steps) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            time(run, steps, "write context: set_config actor, reason", () -> execute(c,
                    "select set_config('countersign.actor', 'bench', true), set_config('countersign.reason', "
                            + "'Edited in the portal', true)"));
            time(run, steps, "edit lock: select edit_lock", () -> execute(c,
                    "select locked, kind, reason, since, locked_by, expected_end, change_set_id from edit_lock where id = 1"));
            int[] version = new int[1];
            time(run, steps, "findById: select proforma", () -> {
                try (PreparedStatement s = c.prepareStatement("select * from proforma where id = ?")) {
                    s.setLong(1, id);
                    try (var rs = s.executeQuery()) {
                        rs.next();
                        version[0] = rs.getInt("version");
                    }
                }
            });
            time(run, steps, "findById: select its lines", () -> execute(c,
                    "select * from proforma_line where proforma_id = " + id + " order by position"));
            time(run, steps, "risk policy: select risk_policy", () -> execute(c,
                    "select gross_change_threshold, high_tier_proformas, high_tier_total_value from risk_policy"));
            time(run, steps, "update proforma (every column, version check)", () -> {
                try (PreparedStatement s = c.prepareStatement("""
                        update proforma set number = number, customer_name = customer_name,
                               customer_address = customer_address, customer_vat_id = customer_vat_id,
                               issue_date = issue_date, valid_until = valid_until, currency = currency,
                               status = status, notes = ?, source = source, created_at = created_at,
                               created_by = created_by, updated_at = now(), updated_by = 'bench',
                               version = ? where id = ? and version = ?""")) {
                    s.setString(1, notes);
                    s.setInt(2, version[0] + 1);
                    s.setLong(3, id);
                    s.setInt(4, version[0]);
                    s.executeUpdate();
                }
            });
            time(run, steps, "delete every line", () -> execute(c, "delete from proforma_line where proforma_id = " + id));
            time(run, steps, "insert every line (one batch of 3)", () -> {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                        values (?, ?, 'Service', 1, 20, 19)""")) {
                    for (int position = 0; position < 3; position++) {
                        s.setLong(1, id);
                        s.setInt(2, position);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            });
            time(run, steps, "commit (deferred guard check)", c::commit);
        }
    }

    private interface Step {
        void run() throws SQLException;
    }

    private static void time(int run, Map<String, List<Double>> steps, String name, Step step) throws SQLException {
        long start = System.nanoTime();
        step.run();
        keep(run, steps.computeIfAbsent(name, n -> new ArrayList<>()), millisSince(start));
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static ProformaContent threeLines(String customer) {
        LocalDate issued = LocalDate.of(2026, 1, 5);
        return new ProformaContent(Fixtures.uniqueCustomer(customer), "1 Market Street", null, issued,
                issued.plusDays(30), Currency.getInstance("EUR"), ProformaStatus.DRAFT, null,
                List.of(line("Service", "1", "20", "19"), line("Service", "1", "20", "19"),
                        line("Service", "1", "20", "19")));
    }

    private static ProformaContent withNotes(ProformaContent c, String notes) {
        return new ProformaContent(c.customerName(), c.customerAddress(), c.customerVatId(), c.issueDate(),
                c.validUntil(), c.currency(), c.status(), notes, c.lines());
    }

    private static void keep(int run, List<Double> into, double millis) {
        if (run >= 0) {
            into.add(millis);
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
