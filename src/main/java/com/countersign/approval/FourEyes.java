package com.countersign.approval;

import com.countersign.base.FourEyesRule;
import java.util.List;

/**
 * Nobody approves their own change, the two approvals of a high-tier change come from two people,
 * and the decider's role is their own (old enough, not given by the requester).
 */
final class FourEyes {

    private FourEyes() {}

    /**
     * @param reviewApprovers who approved the review of this change set so far
     * @param standing how the decider holds the roles of this step ({@link ReviewStep#deciding})
     */
    static void check(ChangeSetSummary changeSet, ReviewStep step, String decider, List<String> reviewApprovers,
            FourEyesRule.Standing standing) {
        new FourEyesRule("change set " + changeSet.id(), "requested")
                .refusal(changeSet.requestedBy(), decider, step == ReviewStep.SECOND_APPROVAL, reviewApprovers, standing)
                .ifPresent(reason -> {
                    throw new FourEyesViolation(reason);
                });
    }
}
