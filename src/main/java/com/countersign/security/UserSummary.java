package com.countersign.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A user as the admin view shows it; the password hash never leaves the security package.
 * {@code lockedUntil} is set while failed sign-ins keep the account locked; {@code waiting} says what
 * was asked for this user and waits for a second person's approval ("REVIEWER, MANAGER", "enabling").
 */
public record UserSummary(long id, String username, String displayName, Set<Role> roles, boolean enabled,
        Instant lockedUntil, List<String> waiting) {

    public UserSummary {
        waiting = List.copyOf(waiting);
    }

    public boolean locked() {
        return lockedUntil != null;
    }
}
