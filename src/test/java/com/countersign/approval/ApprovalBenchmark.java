package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.bench.BenchReport;
import com.countersign.bench.BenchSettings;
import com.countersign.bench.Timing;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Seeds;
import com.countersign.support.Users;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEvent;
import org.flowable.engine.ManagementService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.job.service.impl.asyncexecutor.AsyncExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * mvn -Pbench verify: preview vs apply of a 100,000-proforma bulk edit, and what approval adds to a
 * one-proforma change. Figures go to target/bench/approval.json.
 */
@Tag("bench")
@CountersignTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApprovalBenchmark {

    static final int BULK = 100_000;
    static final int WARMUPS = 30;
    static final int SINGLE_RUNS = 200;

    @Autowired DatabaseRoles roles;
    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired org.flowable.engine.TaskService tasks;
    @Autowired ProcessEngineConfigurationImpl engine;

    private BenchReport report;

    private BenchReport report() {
        if (report == null) {
            report = BenchReport.start("approval", "approval overhead and bulk preview vs apply", jdbc)
                    .runs(WARMUPS, SINGLE_RUNS);
        }
        return report;
    }

    @Test
    @Order(2) // after the single-proforma runs, which the 100,000-row writes would otherwise slow down
    void previewing_a_100000_proforma_bulk_edit_costs_at_most_half_again_its_apply() {
        String customer = Fixtures.uniqueCustomer("Bench");
        Seeds.oneLineProformas(jdbc, customer, BULK, "Bench");
        ApprovalScenario scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
        BulkEditRequest request = BulkEditRequest.matching(new ProformaFilter(null, customer, Set.of(), null, null),
                BulkOperation.ADJUST_LINE_PRICES, "5");

        Users.actAs("staff", "STAFF");
        long start = System.nanoTime();
        ChangeSetDraft draft = approvals.preview(request);
        double previewMs = millisSince(start);
        assertThat(draft.proformaCount()).isEqualTo(BULK);
        approvals.submit(draft.id(), "benchmark");
        approvals.approve(scenario.taskOf(draft.id(), "reviewer", "REVIEWER").taskId(), "ok");
        approvals.approve(scenario.taskOf(draft.id(), "manager2", "MANAGER").taskId(), "ok");
        start = System.nanoTime();
        scenario.runApplyJob(draft.id());
        double applyMs = millisSince(start);
        assertThat(scenario.statusOf(draft.id())).isEqualTo(ChangeSetStatus.APPLIED);

        report().setup("bulk proformas", BULK);
        var apply = report().add("bulk edit of 100,000 proformas: apply (one run)", new Timing(List.of(applyMs)));
        report().add("bulk edit of 100,000 proformas: preview (one run)", new Timing(List.of(previewMs)))
                .atMostTimes(1.5, apply);
        System.out.printf("approval bench: preview %.0f ms, apply %.0f ms of %d proformas%n", previewMs, applyMs, BULK);
    }

    @Test
    @Order(1)
    void approving_a_one_proforma_change_adds_at_most_50_ms_at_p95() throws Exception {
        // benchmarks run one after another in one database: what an earlier one wrote (100,000-row
        // applies and restores) is vacuumed and analyzed first, as autovacuum would do in due course,
        // so that this figure measures approvals and not the clean-up of another benchmark
        roles.ownerSql().sql("vacuum (analyze)").update(); // as the owner: the portal's role may vacuum none of it
        ApprovalScenario scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
        long id = scenario.proforma(Fixtures.content(Fixtures.uniqueCustomer("BenchOne")));
        List<Double> raw = new ArrayList<>();
        List<Double> approved = new ArrayList<>();
        Map<String, Double> phases = new LinkedHashMap<>();
        // The apply is left to the async executor, as in production (the test profile switches it off
        // so that tests drive jobs themselves): the wait includes handing the job over and running it.
        AsyncExecutor executor = engine.getAsyncExecutor();
        ProcessEnds ends = new ProcessEnds();
        engine.getEventDispatcher().addEventListener(ends, FlowableEngineEventType.PROCESS_COMPLETED);
        executor.start();
        try {
            for (int i = 0; i < WARMUPS + SINGLE_RUNS; i++) {
                Users.actAs("staff", "STAFF");
                ProformaSnapshot current = proformas.find(id).orElseThrow();
                long start = System.nanoTime();
                proformas.update(id, current.version(), Fixtures.content(current.content().customerName()));
                double rawMs = millisSince(start);

                start = System.nanoTime();
                ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(Set.of(id), BulkOperation.SET_NOTES, "run " + i));
                long t1 = System.nanoTime();
                approvals.submit(draft.id(), "bench");
                long t2 = System.nanoTime();
                long changeSet = draft.id();
                String processInstance = scenario.processInstanceOf(changeSet);
                CompletableFuture<Void> ended = ends.of(processInstance);
                String taskId = tasks.createTaskQuery().processInstanceId(processInstance).singleResult().getId();
                Users.actAs("reviewer", "REVIEWER");
                approvals.approve(taskId, "ok");
                long t3 = System.nanoTime();
                ended.get(30, TimeUnit.SECONDS); // the apply job's transaction, notification included, committed
                double approvedMs = millisSince(start);
                assertThat(scenario.statusOf(changeSet)).isEqualTo(ChangeSetStatus.APPLIED);
                if (i < WARMUPS) {
                    continue; // caches, connection pool and JIT
                }
                raw.add(rawMs);
                approved.add(approvedMs);
                phases.merge("preview", (t1 - start) / 1e6, Double::sum);
                phases.merge("submit", (t2 - t1) / 1e6, Double::sum);
                phases.merge("approve", (t3 - t2) / 1e6, Double::sum);
                phases.merge("applyJob", (System.nanoTime() - t3) / 1e6, Double::sum);
            }
        } finally {
            executor.shutdown();
            engine.getEventDispatcher().removeEventListener(ends);
        }
        Timing rawTiming = new Timing(raw);
        Timing approvedTiming = new Timing(approved);
        var rawSave = report().add("one proforma: raw save (baseline)", rawTiming);
        report().add("one proforma: preview, submit, approve, applied by the async job", approvedTiming)
                .relativeTo(rawSave);
        report().value("one proforma: approval overhead at p95 (approved p95 - raw p95)",
                approvedTiming.p95() - rawTiming.p95(), "ms").atMost(50);
        phases.forEach((phase, total) -> report().value("one proforma: mean of the phase " + phase,
                total / SINGLE_RUNS, "ms"));
        System.out.printf("approval bench: one proforma raw p95 %.1f ms, approved p95 %.1f ms, overhead p95 %.1f ms%n",
                rawTiming.p95(), approvedTiming.p95(), approvedTiming.p95() - rawTiming.p95());
    }

    /**
     * Completes a future when a process instance's last transaction has committed: what the requester
     * waits for, signalled rather than polled, so that polling neither adds its interval nor loads
     * the machine.
     */
    static final class ProcessEnds extends AbstractFlowableEventListener {

        private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

        CompletableFuture<Void> of(String processInstanceId) {
            return waiting.computeIfAbsent(processInstanceId, key -> new CompletableFuture<>());
        }

        @Override
        public void onEvent(FlowableEvent event) {
            String processInstanceId = ((FlowableEngineEvent) event).getProcessInstanceId();
            CompletableFuture<Void> future = of(processInstanceId);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    waiting.remove(processInstanceId);
                    future.complete(null);
                }
            });
        }

        @Override
        public boolean isFailOnException() {
            return true;
        }
    }

    @AfterAll
    void write() {
        report().write();
        if (BenchSettings.strict()) {
            assertThat(report().missedTargets()).extracting(BenchReport.Figure::label).isEmpty();
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }
}
