package com.countersign.approval;

/** The two user tasks of the risky-change process, named as in the BPMN. */
enum ReviewStep {
    REVIEW("review"), SECOND_APPROVAL("secondApproval");

    final String taskKey;

    ReviewStep(String taskKey) {
        this.taskKey = taskKey;
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
