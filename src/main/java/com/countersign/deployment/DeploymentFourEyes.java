package com.countersign.deployment;

import com.countersign.base.FourEyesRule;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * The submitter never decides on their own deployment, and a flagged deployment's two approvals
 * come from two people: the shared {@link FourEyesRule}, on this feature's task keys.
 */
final class DeploymentFourEyes {

    static final String REVIEW = "REVIEW";
    static final String SECOND_APPROVAL = "SECOND_APPROVAL";

    private DeploymentFourEyes() {}

    static String stepOf(String taskKey) {
        return "secondApproval".equals(taskKey) ? SECOND_APPROVAL : REVIEW;
    }

    static void check(DeploymentSummary deployment, String taskKey, String decider, List<DeploymentDecision> earlier) {
        List<String> firstApprovers = earlier.stream()
                .filter(d -> d.approved() && REVIEW.equals(d.step()))
                .map(DeploymentDecision::decidedBy)
                .toList();
        new FourEyesRule("deployment " + deployment.id(), "submitted")
                .refusal(deployment.submittedBy(), decider, SECOND_APPROVAL.equals(stepOf(taskKey)), firstApprovers)
                .ifPresent(reason -> {
                    throw new AccessDeniedException(reason);
                });
    }
}
