package com.countersign.approval;

import com.countersign.base.FourEyesRule;
import java.util.List;

/** Nobody approves their own change, and the two approvals of a high-tier change come from two people. */
final class FourEyes {

    private FourEyes() {}

    /** @param reviewApprovers who approved the review of this change set so far */
    static void check(ChangeSetSummary changeSet, ReviewStep step, String decider, List<String> reviewApprovers) {
        new FourEyesRule("change set " + changeSet.id(), "requested")
                .refusal(changeSet.requestedBy(), decider, step == ReviewStep.SECOND_APPROVAL, reviewApprovers)
                .ifPresent(reason -> {
                    throw new FourEyesViolation(reason);
                });
    }
}
