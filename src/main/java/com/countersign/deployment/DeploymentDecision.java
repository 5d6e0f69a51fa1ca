package com.countersign.deployment;

import java.time.Instant;

/** A decision on a deployment, stored with the other change-set decisions (change_set_decision). */
public record DeploymentDecision(String step, String decidedBy, Instant decidedAt, boolean approved, String comment) {}
