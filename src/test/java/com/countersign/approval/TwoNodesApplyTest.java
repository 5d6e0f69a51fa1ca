package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.Application;
import com.countersign.base.db.EmbeddedDatabaseLogins;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.job.service.impl.asyncexecutor.AsyncExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two application nodes on one database, both with Flowable's async executor running, as behind a
 * load balancer: change sets submitted and approved on alternating nodes are each applied exactly
 * once (one history version per proforma, one "applied" event, one notification), and both nodes
 * report the same status for every one of them. Node A is the tests' shared application with its
 * executor started for this class; node B a second application started here.
 */
@CountersignTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesApplyTest {

    static final int CHANGE_SETS = 12;
    static final int PROFORMAS_EACH = 3;

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired ProcessEngine engine;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedDatabaseLogins logins;

    ConfigurableApplicationContext nodeB;
    SecurityContextHolderStrategy nodeBStrategy;
    AsyncExecutor executorA;

    @BeforeAll
    void startBothExecutors() {
        HikariDataSource shared = (HikariDataSource) dataSource;
        // a second context installs its own static Spring Security strategy; give node A its own back
        SecurityContextHolderStrategy nodeAStrategy = SecurityContextHolder.getContextHolderStrategy();
        nodeB = new SpringApplicationBuilder(Application.class)
                .profiles("test")
                // command-line arguments, so they win over the test profile (which switches the executor off)
                .run("--server.port=0",
                        "--spring.datasource.url=" + shared.getJdbcUrl(),
                        "--spring.datasource.username=" + shared.getUsername(),
                        "--spring.datasource.password=" + shared.getPassword(),
                        // as in production: Liquibase and the grant script as the owner, the pool as the app role
                        "--spring.liquibase.user=" + logins.owner().role(),
                        "--spring.liquibase.password=" + logins.owner().password(),
                        "--spring.jmx.enabled=false",
                        "--countersign.demo.enabled=false",
                        "--flowable.async-executor-activate=true",
                        "--flowable.process.async.executor.default-async-job-acquire-wait-time=PT1S");
        nodeBStrategy = SecurityContextHolder.getContextHolderStrategy();
        SecurityContextHolder.setContextHolderStrategy(nodeAStrategy);
        executorA = engine.getProcessEngineConfiguration().getAsyncExecutor();
        executorA.start();
    }

    @AfterAll
    void stopNodeBAndExecutorA() {
        if (executorA != null) {
            executorA.shutdown(); // the other tests drive jobs by hand
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @AfterEach
    void nobody() {
        Users.anonymous();
    }

    @Test
    void change_sets_approved_on_either_node_are_applied_exactly_once_and_both_nodes_agree() throws Exception {
        ApprovalScenario onA = new ApprovalScenario(proformas, approvals, changeSets, management);
        ApprovalScenario onB = new ApprovalScenario(nodeB.getBean(ProformaService.class),
                nodeB.getBean(ApprovalService.class), nodeB.getBean(ChangeSets.class), nodeB.getBean(ManagementService.class));
        Map<Long, Set<Long>> targets = new LinkedHashMap<>();
        for (int i = 0; i < CHANGE_SETS; i++) {
            boolean submitOnA = i % 2 == 0;
            ApprovalScenario submitter = submitOnA ? onA : onB;
            ApprovalScenario approver = submitOnA ? onB : onA; // approved on the other node
            String note = "two nodes " + i;
            Set<Long> ids = on(submitOnA, () -> submitter.proformas(PROFORMAS_EACH, "TwoNodes"));
            long changeSet = on(submitOnA, () -> submitter.submitted(
                    BulkEditRequest.of(ids, BulkOperation.SET_NOTES, note), "two nodes"));
            on(!submitOnA, () -> {
                approver.approveAsReviewer(changeSet);
                return null;
            });
            targets.put(changeSet, ids);
        }

        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !targets.keySet().stream()
                .allMatch(cs -> onA.statusOf(cs) == ChangeSetStatus.APPLIED && onA.jobsOf(cs).isEmpty())) {
            Thread.sleep(100);
        }

        for (Map.Entry<Long, Set<Long>> target : targets.entrySet()) {
            long cs = target.getKey();
            assertThat(onA.statusOf(cs)).as("change set %d", cs).isEqualTo(ChangeSetStatus.APPLIED);
            assertThat(count("select count(*) from proforma_version where change_set_id = :cs", cs))
                    .as("history versions of change set %d", cs).isEqualTo(PROFORMAS_EACH);
            assertThat(count("select count(distinct txid) from proforma_version where change_set_id = :cs", cs))
                    .as("transactions of change set %d", cs).isEqualTo(1);
            assertThat(count("select count(*) from change_set_event where change_set_id = :cs and what like 'Applied to%'", cs))
                    .as("applied events of change set %d", cs).isEqualTo(1);
            assertThat(count("select count(*) from change_set_notification where change_set_id = :cs", cs))
                    .as("notifications of change set %d", cs).isEqualTo(1);
            assertThat(jdbc.sql("select distinct notes from proforma where id in (:ids)").param("ids", target.getValue())
                    .query(String.class).list()).hasSize(1);
        }
        Users.actAs("staff", "STAFF");
        Map<Long, ChangeSetStatus> seenOnA = statuses(approvals.myRequests(), targets.keySet());
        Map<Long, ChangeSetStatus> seenOnB = on(false, () -> {
            Users.actAs("staff", "STAFF");
            return statuses(nodeB.getBean(ApprovalService.class).myRequests(), targets.keySet());
        });
        assertThat(seenOnA).hasSize(CHANGE_SETS).containsExactlyInAnyOrderEntriesOf(seenOnB)
                .allSatisfy((cs, status) -> assertThat(status).isEqualTo(ChangeSetStatus.APPLIED));
    }

    /** Runs on node A or B: each node's method security reads its own Spring Security strategy. */
    private <T> T on(boolean nodeA, java.util.function.Supplier<T> call) {
        SecurityContextHolderStrategy nodeAStrategy = SecurityContextHolder.getContextHolderStrategy();
        if (!nodeA) {
            SecurityContextHolder.setContextHolderStrategy(nodeBStrategy);
        }
        try {
            return call.get();
        } finally {
            SecurityContextHolder.getContextHolderStrategy().clearContext();
            SecurityContextHolder.setContextHolderStrategy(nodeAStrategy);
        }
    }

    private int count(String sql, long changeSet) {
        return jdbc.sql(sql).param("cs", changeSet).query(Integer.class).single();
    }

    private static Map<Long, ChangeSetStatus> statuses(List<ChangeSetSummary> recent, Set<Long> ours) {
        return new ArrayList<>(recent).stream().filter(s -> ours.contains(s.id()))
                .collect(Collectors.toMap(ChangeSetSummary::id, ChangeSetSummary::status, (a, b) -> a));
    }
}
