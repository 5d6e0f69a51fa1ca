package com.countersign.approval;

import com.countersign.base.FourEyesRule;
import java.util.List;

/** Nobody approves their own change, and the two approvals of a high-tier change come from two people. */
final class FourEyes {

    private FourEyes() {}

    static void check(ChangeSetSummary changeSet, ReviewStep step, String decider, List<Decision> earlier) {
        List<String> firstApprovers = earlier.stream()
                .filter(d -> d.approved() && d.step().equals(ReviewStep.REVIEW.name()))
                .map(Decision::decidedBy)
                .toList();
        new FourEyesRule("change set " + changeSet.id(), "requested")
                .refusal(changeSet.requestedBy(), decider, step == ReviewStep.SECOND_APPROVAL, firstApprovers)
                .ifPresent(reason -> {
                    throw new FourEyesViolation(reason);
                });
    }
}
