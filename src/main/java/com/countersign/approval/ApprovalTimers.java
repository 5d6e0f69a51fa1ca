package com.countersign.approval;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The timers of the risky-change process: ${approvalTimers.escalateAfter} is read by the BPMN, and
 * the deadline after which an undecided change set expires is fixed at submission, so that it holds
 * for the review and the second approval alike.
 */
@Component("approvalTimers")
class ApprovalTimers {

    private final ApprovalProperties properties;

    ApprovalTimers(ApprovalProperties properties) {
        this.properties = properties;
    }

    public String getEscalateAfter() {
        return properties.escalateAfter();
    }

    public String getRecheckLockAfter() {
        return properties.recheckLockAfter();
    }

    public String getExpireAfter() {
        return properties.expireAfter();
    }

    /** {@code submittedAt} plus the expiry duration, by the ISO-8601 rule {@link ApprovalProperties} checks. */
    Date expireAt(Date submittedAt) {
        String expireAfter = properties.expireAfter();
        if (expireAfter.startsWith("PT")) {
            return Date.from(submittedAt.toInstant().plus(Duration.parse(expireAfter)));
        }
        // calendar days, as a BPMN timer counts them: across a daylight-saving change a day is not 24 hours
        return Date.from(submittedAt.toInstant().atZone(ZoneId.systemDefault()).plus(Period.parse(expireAfter))
                .toInstant());
    }
}
