package com.countersign.deployment;

import com.countersign.proforma.ProformaService;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.List;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.job.api.Job;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Steps shared by the deployment tests: proformas, submitting, and running the process's jobs by hand. */
class DeploymentScenario {

    final ProformaService proformas;
    final DeploymentService deployments;
    final ManagementService management;
    final RuntimeService runtime;
    final JdbcClient jdbc;

    DeploymentScenario(ProformaService proformas, DeploymentService deployments, ManagementService management,
            RuntimeService runtime, JdbcClient jdbc) {
        this.proformas = proformas;
        this.deployments = deployments;
        this.management = management;
        this.runtime = runtime;
        this.jdbc = jdbc;
    }

    /** Enough proformas in the table that touching a handful stays under the 5 % share. */
    void atLeastProformas(int count) {
        Users.actAs("staff", "STAFF");
        int have = jdbc.sql("select count(*) from proforma").query(Integer.class).single();
        for (int i = have; i < count; i++) {
            proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Background")));
        }
    }

    long proforma(String prefix) {
        Users.actAs("staff", "STAFF");
        return proformas.create(Fixtures.content(Fixtures.uniqueCustomer(prefix))).id();
    }

    DeploymentSummary submitted(String script) {
        Users.actAs("admin", "ADMIN");
        return deployments.submit(new DeploymentRequest("Fix notes", "R-2026.11", "Data fix for a test", script));
    }

    void approve(long deploymentId, String user, String... roles) {
        Users.actAs(user, roles);
        deployments.approve(deploymentId, "checked the dry run");
    }

    String status(long deploymentId) {
        Users.actAs("admin", "ADMIN");
        return deployments.detail(deploymentId).summary().status();
    }

    /** What the async executor does in production, where nobody is signed in: runs the one pending job. */
    void runJob(DeploymentSummary deployment) {
        String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(deployment.changeSetId()))
                .singleResult().getId();
        List<Job> jobs = management.createJobQuery().processInstanceId(pid).list();
        if (jobs.size() != 1) {
            throw new AssertionError("expected one job, found " + jobs.size());
        }
        Users.anonymous();
        management.executeJob(jobs.get(0).getId());
    }

    boolean processEnded(DeploymentSummary deployment) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(deployment.changeSetId()))
                .count() == 0;
    }
}
