package com.countersign.deployment;

import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * The submitter never decides on their own deployment, and a flagged deployment's two approvals
 * come from two people. The same rule as the approval feature's, on the same decision table.
 */
final class DeploymentFourEyes {

    static final String REVIEW = "REVIEW";
    static final String SECOND_APPROVAL = "SECOND_APPROVAL";

    private DeploymentFourEyes() {}

    static String stepOf(String taskKey) {
        return "secondApproval".equals(taskKey) ? SECOND_APPROVAL : REVIEW;
    }

    static void check(DeploymentSummary deployment, String taskKey, String decider, List<DeploymentDecision> earlier) {
        if (decider == null) {
            throw new AccessDeniedException("A decision on deployment " + deployment.id() + " needs a named person");
        }
        if (decider.equals(deployment.submittedBy())) {
            throw new AccessDeniedException(decider + " submitted deployment " + deployment.id()
                    + " and cannot decide on it: someone else must");
        }
        if (SECOND_APPROVAL.equals(stepOf(taskKey)) && earlier.stream()
                .anyMatch(d -> d.approved() && REVIEW.equals(d.step()) && d.decidedBy().equals(decider))) {
            throw new AccessDeniedException(decider + " already approved deployment " + deployment.id()
                    + "; the second approval must come from another manager");
        }
    }
}
