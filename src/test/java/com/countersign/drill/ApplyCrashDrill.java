package com.countersign.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.Application;
import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetDraft;
import com.countersign.approval.ReviewTask;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.Fixtures;
import com.countersign.support.Seeds;
import com.countersign.support.Users;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.flowable.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * mvn -B -Pdrill verify: an approved 100,000-proforma change set (line prices +5 %) is applied by the
 * async executor while the drill (1) kills the application JVM with SIGKILL at a random moment of the
 * apply, 10 times, and (2) stops PostgreSQL (fast shutdown) mid-apply and starts it again under a
 * running application. After each: the tables equal exactly the pre-state or the post-state of an
 * undisturbed apply (checksums), and in the end the change set is APPLIED, by one transaction, with
 * one history version per proforma. Results: target/drill/apply-kill.json, target/drill/postgres-restart.json.
 *
 * The template database is prepared once: migrated, 100,000 proformas seeded, the change set
 * previewed, submitted and approved by a reviewer and a manager with no executor running, so its
 * apply job waits in ACT_RU_JOB. Every run works on a file-level copy of it.
 */
@Tag("drill")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyCrashDrill {

    static final int PROFORMAS = Integer.getInteger("drill.proformas", 100_000);
    static final int KILLS = Integer.getInteger("drill.kills", 10);
    static final int PG_RESTARTS = Integer.getInteger("drill.pgRestarts", 2);
    static final long SEED = Long.getLong("drill.seed", System.nanoTime());
    static final Path OUT = Path.of("target", "drill");

    /**
     * The executor settings of the drill's nodes. A crashed node's job is locked until the lock expires
     * (production: 5 minutes, application.properties); the drill uses 40 s so ten kills fit in minutes.
     */
    static final List<String> EXECUTOR = List.of(
            "--flowable.process.async.executor.async-job-lock-time=PT40S",
            "--flowable.process.async.executor.reset-expired-jobs-interval=PT5S",
            "--flowable.process.async.executor.default-async-job-acquire-wait-time=PT2S");

    DrillPostgres postgres;
    long changeSet;
    String preExact;
    String preStable;
    String postStable;
    long controlApplyMs;
    final Random random = new Random(SEED);

    @BeforeAll
    void prepareTemplate() throws Exception {
        Files.createDirectories(OUT);
        postgres = DrillPostgres.fresh(Path.of("target", "drill-postgres"));
        postgres.createDatabase("drill_template");
        try (ConfigurableApplicationContext prep = node("drill_template", false, Map.of("countersign.demo.enabled", "true"))) {
            JdbcClient jdbc = prep.getBean(JdbcClient.class);
            String customer = Fixtures.uniqueCustomer("Drill");
            Seeds.oneLineProformas(jdbc, customer, PROFORMAS, "Drill");
            ApprovalService approvals = prep.getBean(ApprovalService.class);
            Users.actAs("staff", "STAFF");
            ChangeSetDraft draft = approvals.preview(BulkEditRequest.matching(
                    new ProformaFilter(null, customer, Set.of(), null, null), BulkOperation.ADJUST_LINE_PRICES, "5"));
            assertThat(draft.proformaCount()).isEqualTo(PROFORMAS);
            changeSet = draft.id();
            approvals.submit(changeSet, "fault drill");
            approve(approvals, "reviewer", "REVIEWER");
            approve(approvals, "manager", "MANAGER");
            Users.anonymous();
        }
        DrillState template = new DrillState(postgres.database("drill_template"), changeSet);
        assertThat(template.status()).isEqualTo("APPROVED");
        assertThat(template.pendingJobs()).as("the apply job, waiting for an executor").isEqualTo(1);
        preExact = template.exactChecksum();
        preStable = template.stableChecksum();
        controlRun();
    }

    /** One undisturbed apply on a copy: the expected post-state and how long an apply takes. */
    private void controlRun() throws Exception {
        String db = "drill_control";
        postgres.copyDatabase("drill_template", db);
        AppProcess app = AppProcess.start(postgres.jdbcUrl(db), OUT.resolve("control.log"), EXECUTOR);
        try {
            DrillState state = new DrillState(postgres.database(db), changeSet);
            waitFor("the control apply to start", 300, () -> DrillState.applying(postgres.admin(), db) > 0 || !app.alive());
            long started = System.nanoTime();
            waitFor("the control apply to finish", 600, () -> "APPLIED".equals(state.status()) || !app.alive());
            controlApplyMs = (System.nanoTime() - started) / 1_000_000;
            waitFor("the process to finish", 120, () -> state.pendingJobs() == 0);
            postStable = state.stableChecksum();
            assertThat(postStable).isNotEqualTo(preStable);
            assertApplyOnce(state, new ArrayList<>());
            System.out.printf("drill: control apply of %d proformas took about %d ms%n", PROFORMAS, controlApplyMs);
        } finally {
            app.stop();
            postgres.dropDatabase(db);
        }
    }

    @Test
    @Order(1)
    void kill_9_mid_apply_leaves_all_or_nothing_and_the_restarted_node_applies_it_exactly_once() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int run = 1; run <= KILLS; run++) {
            String db = "drill_kill_" + run;
            postgres.copyDatabase("drill_template", db);
            DrillState state = new DrillState(postgres.database(db), changeSet);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("run", run);
            AppProcess app = AppProcess.start(postgres.jdbcUrl(db), OUT.resolve("kill-" + run + ".log"), EXECUTOR);
            AppProcess restarted = null;
            try {
                waitFor("the apply to start", 300, () -> DrillState.applying(postgres.admin(), db) > 0 || !app.alive()
                        || "APPLIED".equals(state.status()));
                assertThat(app.alive()).as("the application is running").isTrue();
                assertThat(state.status()).as("the apply was seen running").isEqualTo("APPROVED");
                long delay = (long) (random.nextDouble() * controlApplyMs * 1.2);
                Thread.sleep(delay);
                app.kill9();
                long killed = System.nanoTime();
                figures.put("killAfterApplyStartMs", delay);
                // the killed JVM's backend may still be running its statement; it rolls back when it notices
                waitFor("the orphaned backend to end", 300, () -> DrillState.busy(postgres.admin(), db) == 0);
                String afterKill = outcome(state);
                figures.put("tablesAfterKill", afterKill);
                figures.put("statusAfterKill", state.status());
                if (afterKill.equals("PARTIAL")) {
                    failures.add("run " + run + ": the tables are neither the pre- nor the post-state after the kill");
                }
                if (!(afterKill.equals("PRE_STATE") && state.status().equals("APPROVED")
                        || afterKill.equals("POST_STATE") && state.status().equals("APPLIED"))) {
                    failures.add("run " + run + ": status " + state.status() + " with tables " + afterKill);
                }

                restarted = AppProcess.start(postgres.jdbcUrl(db), OUT.resolve("kill-" + run + "-restart.log"), EXECUTOR);
                AppProcess node = restarted;
                waitFor("the change set to be APPLIED after the restart", 600,
                        () -> "APPLIED".equals(state.status()) && state.pendingJobs() == 0 || !node.alive());
                figures.put("appliedAfterKillMs", (System.nanoTime() - killed) / 1_000_000);
                figures.put("finalStatus", state.status());
                assertApplyOnce(state, failures, "run " + run + ": ");
                figures.put("history", state.history());
                figures.put("checksumsMatched", outcome(state).equals("POST_STATE"));
                System.out.printf("drill kill %d: killed %d ms into the apply, tables %s (%s), APPLIED %d ms after the kill%n",
                        run, delay, afterKill, figures.get("statusAfterKill"), figures.get("appliedAfterKillMs"));
            } catch (AssertionError | RuntimeException e) {
                failures.add("run " + run + ": " + e.getMessage());
                figures.put("error", String.valueOf(e.getMessage()));
                figures.put("state", state.diagnose());
            } finally {
                if (app.alive()) {
                    app.stop();
                }
                if (restarted != null) {
                    restarted.stop();
                }
                postgres.dropDatabase(db);
            }
            runs.add(figures);
        }
        write("apply-kill", "kill -9 of the application JVM mid-apply", runs, failures);
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(2)
    void a_postgres_restart_mid_apply_is_survived_without_restarting_the_application() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int run = 1; run <= PG_RESTARTS; run++) {
            String db = "drill_pg_" + run;
            postgres.copyDatabase("drill_template", db);
            DrillState state = new DrillState(postgres.database(db), changeSet);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("run", run);
            Map<String, String> executor = new LinkedHashMap<>();
            EXECUTOR.forEach(a -> executor.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
            try (ConfigurableApplicationContext app = node(db, false, executor)) {
                int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
                // started once the application is up, so the drill sees the apply from its beginning
                app.getBean(ProcessEngine.class).getProcessEngineConfiguration().getAsyncExecutor().start();
                waitFor("the apply to start", 300, () -> DrillState.applying(postgres.admin(), db) > 0
                        || "APPLIED".equals(state.status()));
                assertThat(state.status()).as("the apply was seen running").isEqualTo("APPROVED");
                long delay = (long) (random.nextDouble() * controlApplyMs * 0.8);
                Thread.sleep(delay);
                long stopped = System.nanoTime();
                postgres.stop();
                figures.put("stopAfterApplyStartMs", delay);
                String healthWhileDown = AppProcess.health(port);
                figures.put("healthWhileDown", healthWhileDown == null ? "no answer"
                        : healthWhileDown.substring(0, Math.min(15, healthWhileDown.length())));
                Thread.sleep(3_000);
                postgres.start();
                figures.put("postgresDownMs", (System.nanoTime() - stopped) / 1_000_000);
                long restarted = System.nanoTime();
                waitFor("the health endpoint to be UP again", 120, () -> AppProcess.up(AppProcess.health(port)));
                figures.put("healthUpAfterRestartMs", (System.nanoTime() - restarted) / 1_000_000);
                waitFor("the change set to be APPLIED", 600,
                        () -> "APPLIED".equals(state.status()) && state.pendingJobs() == 0);
                figures.put("appliedAfterRestartMs", (System.nanoTime() - restarted) / 1_000_000);
                figures.put("finalStatus", state.status());
                assertApplyOnce(state, failures, "run " + run + ": ");
                figures.put("history", state.history());
                figures.put("checksumsMatched", outcome(state).equals("POST_STATE"));

                // a normal save through the same application, on its reconnected pool
                ProformaService proformas = app.getBean(ProformaService.class);
                Users.actAs("staff", "STAFF");
                ProformaSnapshot created = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("After restart")));
                ProformaContent content = created.content();
                ProformaSnapshot saved = proformas.update(created.id(), created.version(), new ProformaContent(
                        content.customerName(), content.customerAddress(), content.customerVatId(), content.issueDate(),
                        content.validUntil(), content.currency(), content.status(), "saved after the restart", content.lines()));
                Users.anonymous();
                figures.put("normalSaveAfterRestart", "saved after the restart".equals(saved.content().notes()));
                System.out.printf("drill postgres %d: stopped %d ms into the apply, health UP %d ms after the restart, "
                        + "APPLIED %d ms after it%n", run, delay, figures.get("healthUpAfterRestartMs"),
                        figures.get("appliedAfterRestartMs"));
            } catch (AssertionError | RuntimeException e) {
                failures.add("run " + run + ": " + e.getMessage());
                figures.put("error", String.valueOf(e.getMessage()));
                figures.put("state", state.diagnose());
            } finally {
                postgres.dropDatabase(db);
            }
            runs.add(figures);
        }
        write("postgres-restart", "PostgreSQL fast shutdown and start mid-apply, application kept running", runs, failures);
        assertThat(failures).isEmpty();
    }

    @AfterAll
    void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** PRE_STATE, POST_STATE (one transaction), or PARTIAL. */
    private String outcome(DrillState state) {
        if (state.exactChecksum().equals(preExact)) {
            return "PRE_STATE";
        }
        if (state.stableChecksum().equals(postStable) && state.transactionsThatApplied() == 1) {
            return "POST_STATE";
        }
        return "PARTIAL";
    }

    private void assertApplyOnce(DrillState state, List<String> failures) {
        assertApplyOnce(state, failures, "");
    }

    private void assertApplyOnce(DrillState state, List<String> failures, String prefix) {
        Map<String, Long> history = state.history();
        check(failures, prefix + "status " + state.status(), "APPLIED".equals(state.status()));
        check(failures, prefix + "history " + history, history.get("versions") == PROFORMAS
                && history.get("proformas") == PROFORMAS && history.get("lineVersions") == PROFORMAS
                && history.get("transactions") == 1);
        check(failures, prefix + "updated by " + state.transactionsThatApplied() + " transactions",
                state.transactionsThatApplied() == 1);
        check(failures, prefix + state.notifications() + " notifications", state.notifications() == 1);
        if (postStable != null) {
            check(failures, prefix + "tables differ from the control apply", state.stableChecksum().equals(postStable));
        }
        if (failures.isEmpty()) {
            return;
        }
        if (postStable == null) {
            throw new AssertionError("The control apply is not right: " + failures);
        }
    }

    private static void check(List<String> failures, String what, boolean ok) {
        if (!ok) {
            failures.add(what);
        }
    }

    private void write(String name, String title, List<Map<String, Object>> runs, List<String> failures) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("drill", title);
        report.put("at", Instant.now().toString());
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        report.put("proformas", PROFORMAS);
        report.put("changeSet", "line prices +5 %, one line per proforma, approved by a reviewer and a manager");
        report.put("seed", SEED);
        report.put("executorSettings", EXECUTOR);
        report.put("controlApplyMs", controlApplyMs);
        report.put("checksums", Map.of("preExact", preExact, "postStable", postStable));
        report.put("runs", runs);
        report.put("failures", failures);
        report.put("passed", failures.isEmpty());
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        Files.writeString(OUT.resolve(name + ".json"), json);
        System.out.println("drill report " + OUT.resolve(name + ".json") + ":\n" + json);
    }

    private ConfigurableApplicationContext node(String database, boolean executor, Map<String, String> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", DrillPostgres.USER);
        properties.put("spring.jmx.enabled", "false");
        properties.put("countersign.demo.enabled", "false");
        properties.put("flowable.async-executor-activate", String.valueOf(executor));
        properties.putAll(extra);
        // as command-line arguments: they win over the test profile's file (default properties would not)
        return new SpringApplicationBuilder(Application.class).profiles("test")
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static void approve(ApprovalService approvals, String user, String role) {
        Users.actAs(user, role);
        // the drill's database holds this one change set
        ReviewTask task = approvals.inbox().stream().findFirst().orElseThrow();
        approvals.approve(task.taskId(), "drill");
    }

    private static void waitFor(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the database may be restarting; ask again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Timed out after " + seconds + " s waiting for " + what);
    }
}
