package com.countersign.security;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Something an ADMIN asked that raises someone's privilege and happens only once another person
 * approves it. {@code roles} is set for {@link Kind#GRANT_ROLES} only.
 */
public record PrivilegeRequest(long id, Kind kind, long userId, String username, Set<Role> roles, String requestedBy,
        Instant requestedAt, String reason, Status status, String decidedBy, Instant decidedAt, String comment) {

    public enum Kind {
        GRANT_ROLES, ENABLE, RESET_PASSWORD
    }

    public enum Status {
        PENDING, APPROVED, REJECTED, CANCELLED
    }

    /** As people read it: "grant REVIEWER, MANAGER to helper.account". */
    public String describe() {
        return what() + " " + (kind == Kind.GRANT_ROLES ? "to " : "of ") + username;
    }

    /** Without the person: "grant REVIEWER, MANAGER", "enable the account", "reset the password". */
    public String what() {
        return what(kind, roles);
    }

    static String what(Kind kind, Set<Role> roles) {
        return switch (kind) {
            case GRANT_ROLES -> "grant " + names(roles);
            case ENABLE -> "enable the account";
            case RESET_PASSWORD -> "reset the password";
        };
    }

    static String names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(", "));
    }
}
