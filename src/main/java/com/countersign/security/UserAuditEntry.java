package com.countersign.security;

import java.time.Instant;

/** One line of the user administration audit, as ADMINs and MANAGERs read it. */
public record UserAuditEntry(long id, Instant at, Action action, String actor, String target, String detail) {

    public enum Action {
        CREATE, RENAME, ROLES, PASSWORD_RESET, PASSWORD_CHANGE, ENABLE, DISABLE, LOCKOUT, UNLOCK,
        // privilege requests (changeset 027): asked, approved, rejected, taken back
        REQUEST, APPROVE, REJECT, CANCEL
    }

    /** What to show: any field left null does not filter. Text matches part of the actor or target. */
    public record Filter(Action action, String person, Instant from, Instant until) {

        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }
}
