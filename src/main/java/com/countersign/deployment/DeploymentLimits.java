package com.countersign.deployment;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds of a deployment: how big a script may be (refused before it is parsed) and how long one
 * statement may run or wait for a lock, in the dry run and the run alike.
 */
@Component
record DeploymentLimits(
        @Value("${countersign.deployment.max-script-bytes:1048576}") int maxScriptBytes,
        @Value("${countersign.deployment.max-statements:5000}") int maxStatements,
        @Value("${countersign.deployment.statement-timeout:PT60S}") Duration statementTimeout,
        @Value("${countersign.deployment.lock-timeout:PT5S}") Duration lockTimeout) {

    static final DeploymentLimits DEFAULTS = new DeploymentLimits(1_048_576, 5000, Duration.ofSeconds(60),
            Duration.ofSeconds(5));
}
