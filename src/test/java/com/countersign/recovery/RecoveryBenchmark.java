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
import java.util.List;
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
                        + " + apply job; the bulk apply is the apply job alone");
        RecoveryScenario scenario = new RecoveryScenario(proformas, approvals, recovery, runtime, management, jdbc);
        String prefix = Fixtures.uniqueCustomer("BenchRecovery");
        DrillData.seed(jdbc, transactions, prefix, PROFORMAS);
        jdbc.sql("vacuum (analyze) proforma, proforma_line, proforma_version, proforma_line_version").update();
        ProformaFilter filter = new ProformaFilter(null, prefix, Set.of(), null, null);

        long bulk = bulk(filter, BulkOperation.ADJUST_LINE_PRICES, "5");
        var bulkApply = report.add("bulk apply: line prices +5 % (baseline)", applied(scenario, bulk, "staff"));
        long[] undo = new long[1];
        settle();
        Timing undoPreview = once(() -> {
            Users.actAs("manager", "MANAGER");
            RecoveryDraft draft = recovery.previewUndo(bulk, Map.of());
            assertThat(draft.changeSet().proformaCount()).isEqualTo(PROFORMAS);
            undo[0] = draft.changeSet().id();
        });
        Timing undoDecided = once(() -> {
            Users.actAs("manager", "MANAGER");
            recovery.submit(undo[0], "benchmark undo");
            scenario.approve(undo[0], "manager");
        });
        settle();
        Timing undoApply = once(() -> scenario.runApplyJob(undo[0]));
        assertThat(scenario.status(undo[0])).isEqualTo(ChangeSetStatus.APPLIED);
        report.add("undo: preview", undoPreview).relativeTo(bulkApply);
        report.add("undo: submit + approvals", undoDecided).relativeTo(bulkApply);
        report.add("undo: apply", undoApply).relativeTo(bulkApply);
        report.add("undo: end to end", sum(undoPreview, undoDecided, undoApply)).atMostTimes(2.0, bulkApply);

        Thread.sleep(20);
        Instant at = Instant.now();
        Thread.sleep(20);
        long second = bulk(filter, BulkOperation.ADJUST_LINE_PRICES, "-3");
        var secondApply = report.add("bulk apply: line prices -3 % (baseline)", applied(scenario, second, "staff"));
        long[] pit = new long[1];
        settle();
        Timing pitPreview = once(() -> {
            Users.actAs("manager", "MANAGER");
            RecoveryDraft draft = recovery.previewPointInTime(new PointInTimeRestore(at, filter, false), Map.of());
            assertThat(draft.changeSet().proformaCount()).isEqualTo(PROFORMAS);
            pit[0] = draft.changeSet().id();
        });
        Timing pitDecided = once(() -> {
            Users.actAs("manager", "MANAGER");
            recovery.submit(pit[0], "benchmark point-in-time restore");
            scenario.approve(pit[0], "manager");
        });
        settle();
        Timing pitApply = once(() -> scenario.runApplyJob(pit[0]));
        assertThat(scenario.status(pit[0])).isEqualTo(ChangeSetStatus.APPLIED);
        report.add("point-in-time restore: preview", pitPreview).relativeTo(secondApply);
        report.add("point-in-time restore: submit + approvals", pitDecided).relativeTo(secondApply);
        report.add("point-in-time restore: apply", pitApply).relativeTo(secondApply);
        report.add("point-in-time restore: end to end", sum(pitPreview, pitDecided, pitApply))
                .atMostTimes(2.0, secondApply);
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
        jdbc.sql("vacuum (analyze) proforma, proforma_line, proforma_version, proforma_line_version").update();
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("checkpoint");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not take a checkpoint", e);
        }
    }

    private Timing applied(RecoveryScenario scenario, long changeSetId, String requester) {
        scenario.approve(changeSetId, requester);
        settle();
        return once(() -> scenario.runApplyJob(changeSetId));
    }

    private static Timing sum(Timing... parts) {
        return new Timing(List.of(java.util.Arrays.stream(parts).mapToDouble(Timing::median).sum()));
    }

    private static Timing once(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return new Timing(List.of((System.nanoTime() - start) / 1e6));
    }
}
