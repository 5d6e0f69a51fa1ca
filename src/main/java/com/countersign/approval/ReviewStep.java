package com.countersign.approval;

import com.countersign.security.Role;

/** The two user tasks of the risky-change process, named as in the BPMN, and the roles that decide each. */
enum ReviewStep {
    // the review is offered to reviewers, and to managers once escalated
    REVIEW("review", Role.REVIEWER, Role.MANAGER), SECOND_APPROVAL("secondApproval", Role.MANAGER);

    final String taskKey;
    private final Role[] deciding;

    ReviewStep(String taskKey, Role... deciding) {
        this.taskKey = taskKey;
        this.deciding = deciding;
    }

    Role[] deciding() {
        return deciding.clone();
    }

    static ReviewStep ofTaskKey(String key) {
        for (ReviewStep step : values()) {
            if (step.taskKey.equals(key)) {
                return step;
            }
        }
        throw new IllegalStateException("Not a review step: " + key);
    }
}
