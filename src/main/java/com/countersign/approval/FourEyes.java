package com.countersign.approval;

import java.util.List;

/** Nobody approves their own change, and the two approvals of a high-tier change come from two people. */
final class FourEyes {

    private FourEyes() {}

    static void check(ChangeSetSummary changeSet, ReviewStep step, String decider, List<Decision> earlier) {
        if (decider == null) {
            throw new FourEyesViolation("A decision on change set " + changeSet.id() + " needs a named person");
        }
        if (decider.equals(changeSet.requestedBy())) {
            throw new FourEyesViolation(decider + " requested change set " + changeSet.id()
                    + " and cannot decide on it: someone else must");
        }
        if (step == ReviewStep.SECOND_APPROVAL) {
            boolean firstApprover = earlier.stream()
                    .anyMatch(d -> d.approved() && d.step().equals(ReviewStep.REVIEW.name()) && d.decidedBy().equals(decider));
            if (firstApprover) {
                throw new FourEyesViolation(decider + " already approved change set " + changeSet.id()
                        + "; the second approval must come from another manager");
            }
        }
    }
}
