package com.countersign.deployment;

import java.util.List;

/** Everything a reviewer and an admin see of one deployment. */
public record DeploymentDetail(DeploymentSummary summary, String description, String script, DryRunReport dryRun,
        List<DeploymentDecision> decisions, List<String> timeline, List<RunLogEntry> runLog, String failureReason,
        String openStep) {}
