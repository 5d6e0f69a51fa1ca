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
        report = BenchReport.start("recovery", "Undo and point-in-time restore vs the bulk apply they reverse", jdbc)
                .setup("proformas", PROFORMAS);
        RecoveryScenario scenario = new RecoveryScenario(proformas, approvals, recovery, runtime, management, jdbc);
        String prefix = Fixtures.uniqueCustomer("BenchRecovery");
        DrillData.seed(jdbc, transactions, prefix, PROFORMAS);
        jdbc.sql("vacuum (analyze) proforma, proforma_line, proforma_version, proforma_line_version").update();
        ProformaFilter filter = new ProformaFilter(null, prefix, Set.of(), null, null);

        long bulk = bulk(scenario, filter, BulkOperation.ADJUST_LINE_PRICES, "5");
        var bulkApply = report.add("bulk apply: line prices +5 %", applied(scenario, bulk, "staff"));
        var undoPreview = new long[1];
        var undoPreviewTiming = once(() -> {
            Users.actAs("manager", "MANAGER");
            undoPreview[0] = recovery.previewUndo(bulk, Map.of()).changeSet().id();
        });
        Users.actAs("manager", "MANAGER");
        recovery.submit(undoPreview[0], "benchmark undo");
        report.add("undo: preview (from history)", undoPreviewTiming).relativeTo(bulkApply);
        var undoApply = report.add("undo: apply", applied(scenario, undoPreview[0], "manager"))
                .atMostTimes(2, bulkApply);
        assertThat(scenario.status(undoPreview[0])).isEqualTo(ChangeSetStatus.APPLIED);

        Thread.sleep(20);
        Instant at = Instant.now();
        Thread.sleep(20);
        long second = bulk(scenario, filter, BulkOperation.ADJUST_LINE_PRICES, "-3");
        var secondApply = report.add("bulk apply: line prices -3 %", applied(scenario, second, "staff"));
        var pit = new long[1];
        var pitPreview = once(() -> {
            Users.actAs("manager", "MANAGER");
            var draft = recovery.previewPointInTime(new PointInTimeRestore(at, filter, false), Map.of());
            assertThat(draft.changeSet().proformaCount()).isEqualTo(PROFORMAS);
            pit[0] = draft.changeSet().id();
        });
        Users.actAs("manager", "MANAGER");
        recovery.submit(pit[0], "benchmark point-in-time restore");
        report.add("point-in-time restore: preview", pitPreview).relativeTo(secondApply);
        report.add("point-in-time restore: apply", applied(scenario, pit[0], "manager"))
                .atMostTimes(2, secondApply);
        assertThat(scenario.status(pit[0])).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(undoApply).isNotNull();
    }

    @AfterAll
    void write() {
        if (lastRun != null) {
            report.add("drill: 10,000 proformas, preview to applied", new Timing(List.of((double) lastRun.toMillis())));
        }
        report.write();
        if (BenchSettings.strict()) {
            assertThat(report.missedTargets()).isEmpty();
        }
    }

    private long bulk(RecoveryScenario scenario, ProformaFilter filter, BulkOperation operation, String value) {
        Users.actAs("staff", "STAFF");
        long id = approvals.preview(BulkEditRequest.matching(filter, operation, value)).id();
        approvals.submit(id, "benchmark bulk edit");
        return id;
    }

    private static Timing applied(RecoveryScenario scenario, long changeSetId, String requester) {
        scenario.approve(changeSetId, requester);
        return once(() -> scenario.runApplyJob(changeSetId));
    }

    private static Timing once(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return new Timing(List.of((System.nanoTime() - start) / 1e6));
    }
}
