package com.countersign.approval;

import org.springframework.stereotype.Component;

/** Read by the BPMN timers as ${approvalTimers.escalateAfter} and ${approvalTimers.expireAfter}. */
@Component("approvalTimers")
class ApprovalTimers {

    private final ApprovalProperties properties;

    ApprovalTimers(ApprovalProperties properties) {
        this.properties = properties;
    }

    public String getEscalateAfter() {
        return properties.escalateAfter();
    }

    public String getExpireAfter() {
        return properties.expireAfter();
    }
}
