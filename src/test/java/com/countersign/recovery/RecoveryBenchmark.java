package com.countersign.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.bench.BenchReport;
import com.countersign.bench.BenchSettings;
import com.countersign.bench.Timing;
import com.countersign.proforma.ProformaFilter;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * mvn -Pbench verify: undo of a 100,000-proforma change set and a point-in-time restore of 100,000
 * proformas, each against the apply of the bulk edit it reverses, measured in the same run; plus
 * the postmortem drill end to end (the inherited test). Figures go to target/bench/recovery.json.
 * Each timed step starts on vacuumed tables after a checkpoint ({@link #settle()}).
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryBenchmark extends PostmortemDrillTest {

    static final int PROFORMAS = BenchSettings.rows("recovery", 100_000);

    private BenchReport report;

    @Test
    @Order(1)
    void undo_and_point_in_time_restore_of_100000_proformas_cost_at_most_twice_the_bulk_apply() throws Exception {
        report = BenchReport.start("recovery", "Undo and point-in-time restore, end to end, vs the bulk apply they reverse",
                jdbc).setup("proformas", PROFORMAS).setup("lines", "1-3 per proforma (seeded as in the drill)")
                .setup("end to end", "preview (staging from history, targets, diff, risk) + submit + approvals"
                        + " + apply job; the bulk apply is the apply job alone")
                .setup("rounds", ROUNDS + " of: bulk +5 %, its undo, bulk −3 %, restore to before it; medians;"
                        + " the target is on each restore's end to end over its own bulk apply, median of the rounds")
                .setup("each timed step", "starts on vacuumed, analyzed tables after a checkpoint");
        String prefix = Fixtures.uniqueCustomer("BenchRecovery");
        PostmortemDrillTest.Range seeded = DrillData.seed(jdbc, transactions, roles.ownerSql(), prefix, PROFORMAS);
        String original = DrillData.content(jdbc, seeded, -1);
        ProformaFilter filter = new ProformaFilter(null, prefix, Set.of(), null, null);

        Rounds undo = new Rounds();
        Rounds pointInTime = new Rounds();
        for (int round = 0; round < ROUNDS; round++) {
            long bulk = bulk(filter, BulkOperation.ADJUST_LINE_PRICES, "5");
            undo.baseline.add(applied(scenario, bulk, "staff"));
            undo.restore(scenario, () -> recovery.previewUndo(bulk, Map.of()), "benchmark undo");
            assertThat(DrillData.content(jdbc, seeded, -1)).as("every proforma as before the bulk edit").isEqualTo(original);

            Thread.sleep(20);
            Instant at = Instant.now();
            Thread.sleep(20);
            long second = bulk(filter, BulkOperation.ADJUST_LINE_PRICES, "-3");
            pointInTime.baseline.add(applied(scenario, second, "staff"));
            pointInTime.restore(scenario,
                    () -> recovery.previewPointInTime(new PointInTimeRestore(at, filter, false), Map.of()),
                    "benchmark point-in-time restore");
            assertThat(DrillData.content(jdbc, seeded, -1)).as("every proforma as at the point in time").isEqualTo(original);
        }
        undo.report("bulk apply: line prices +5 % (baseline)", "undo");
        pointInTime.report("bulk apply: line prices -3 % (baseline)", "point-in-time restore");
    }

    static final int ROUNDS = Integer.getInteger("bench.recovery.rounds", 5);

    /** Per round: the bulk apply, and the restore's preview, decisions, apply and their sum. */
    private final class Rounds {
        final List<Double> baseline = new ArrayList<>();
        final List<Double> preview = new ArrayList<>();
        final List<Double> decided = new ArrayList<>();
        final List<Double> apply = new ArrayList<>();
        final List<Double> endToEnd = new ArrayList<>();

        void restore(RecoveryScenario scenario, Supplier<RecoveryDraft> previewed, String reason) {
            long[] id = new long[1];
            settle();
            double previewMs = millis(() -> {
                Users.actAs("manager", "MANAGER");
                RecoveryDraft draft = previewed.get();
                assertThat(draft.changeSet().proformaCount()).isEqualTo(PROFORMAS);
                id[0] = draft.changeSet().id();
            });
            double decidedMs = millis(() -> {
                Users.actAs("manager", "MANAGER");
                recovery.submit(id[0], reason);
                scenario.approve(id[0], "manager");
            });
            settle();
            double applyMs = millis(() -> scenario.runApplyJob(id[0]));
            assertThat(scenario.status(id[0])).isEqualTo(ChangeSetStatus.APPLIED);
            preview.add(previewMs);
            decided.add(decidedMs);
            apply.add(applyMs);
            endToEnd.add(previewMs + decidedMs + applyMs);
        }

        void report(String baselineName, String name) {
            var base = report.add(baselineName, new Timing(baseline));
            report.add(name + ": preview", new Timing(preview)).relativeTo(base);
            report.add(name + ": submit + approvals", new Timing(decided)).relativeTo(base);
            report.add(name + ": apply", new Timing(apply)).relativeTo(base);
            report.add(name + ": end to end", new Timing(endToEnd)).relativeTo(base);
            // each restore against the bulk apply it reverses, in its own round (history grows
            // from round to round, and both see the same tables): the median of those ratios
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < endToEnd.size(); round++) {
                ratios.add(Math.round(endToEnd.get(round) / baseline.get(round) * 100) / 100.0);
            }
            report.values(name + ": end to end ÷ its bulk apply, per round", ratios, "×").atMost(2.0);
        }
    }

    @AfterAll
    void write() {
        if (lastRun != null) {
            report.add("drill: 10,000 proformas, preview to applied (reference)", new Timing(List.of((double) lastRun.toMillis())));
        }
        report.write();
        if (BenchSettings.strict()) {
            assertThat(report.missedTargets()).isEmpty();
        }
    }

    private long bulk(ProformaFilter filter, BulkOperation operation, String value) {
        Users.actAs("staff", "STAFF");
        long id = approvals.preview(BulkEditRequest.matching(filter, operation, value)).id();
        approvals.submit(id, "benchmark bulk edit");
        return id;
    }

    /**
     * Every timed step, baseline or recovery, starts on the same footing: the tables vacuumed and
     * analyzed (as autovacuum leaves them between a bulk edit and its undo) and a checkpoint just
     * taken (so that no step pays for another's full-page writes at a checkpoint of its own).
     */
    private void settle() {
        roles.ownerSql().sql("vacuum (analyze) proforma, proforma_line, proforma_version, proforma_line_version").update();
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("checkpoint");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not take a checkpoint", e);
        }
    }

    private double applied(RecoveryScenario scenario, long changeSetId, String requester) {
        scenario.approve(changeSetId, requester);
        settle();
        return millis(() -> scenario.runApplyJob(changeSetId));
    }

    private static double millis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
