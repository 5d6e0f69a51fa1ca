package com.countersign.deployment;

import com.countersign.base.FourEyesRule;
import com.countersign.security.ApprovalStandings;
import com.countersign.security.Role;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * The submitter never decides on their own deployment, and a flagged deployment's two approvals
 * come from two people, each deciding by a role of their own (old enough, not given by the submitter):
 * the shared {@link FourEyesRule}, on this feature's task keys.
 */
final class DeploymentFourEyes {

    static final String REVIEW = "REVIEW";
    static final String SECOND_APPROVAL = "SECOND_APPROVAL";

    private DeploymentFourEyes() {}

    static String stepOf(String taskKey) {
        return "secondApproval".equals(taskKey) ? SECOND_APPROVAL : REVIEW;
    }

    /** The review is a reviewer's, the second approval a manager's (as the BPMN's candidate groups). */
    static Role deciding(String taskKey) {
        return SECOND_APPROVAL.equals(stepOf(taskKey)) ? Role.MANAGER : Role.REVIEWER;
    }

    static void check(DeploymentSummary deployment, String taskKey, String decider, List<DeploymentDecision> earlier,
            ApprovalStandings standings) {
        List<String> firstApprovers = earlier.stream()
                .filter(d -> d.approved() && REVIEW.equals(d.step()))
                .map(DeploymentDecision::decidedBy)
                .toList();
        new FourEyesRule("deployment " + deployment.id(), "submitted")
                .refusal(deployment.submittedBy(), decider, SECOND_APPROVAL.equals(stepOf(taskKey)), firstApprovers,
                        standings.of(decider, deciding(taskKey)))
                .ifPresent(reason -> {
                    throw new AccessDeniedException(reason);
                });
    }
}
