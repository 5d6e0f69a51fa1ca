package com.countersign.approval;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Reports the embedded Flowable engine in /actuator/health: up when it can read its own tables and
 * the approval processes are deployed.
 */
@Component("flowable")
class ApprovalEngineHealthIndicator extends AbstractHealthIndicator {

    private final ManagementService management;
    private final RepositoryService repository;

    ApprovalEngineHealthIndicator(ManagementService management, RepositoryService repository) {
        this.management = management;
        this.repository = repository;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long definitions = repository.createProcessDefinitionQuery().latestVersion().count();
        long deadJobs = management.createDeadLetterJobQuery().count();
        builder.withDetail("processDefinitions", definitions).withDetail("deadLetterJobs", deadJobs);
        if (definitions == 0) {
            builder.down().withDetail("reason", "no approval process is deployed");
        } else {
            builder.up();
        }
    }
}
