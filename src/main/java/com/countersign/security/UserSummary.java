package com.countersign.security;

import java.time.Instant;
import java.util.Set;

/**
 * A user as the admin view shows it; the password hash never leaves the security package.
 * {@code lockedUntil} is set while failed sign-ins keep the account locked.
 */
public record UserSummary(long id, String username, String displayName, Set<Role> roles, boolean enabled,
        Instant lockedUntil) {

    public boolean locked() {
        return lockedUntil != null;
    }
}
