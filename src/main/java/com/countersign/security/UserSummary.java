package com.countersign.security;

import java.util.Set;

/** A user as the admin view shows it; the password hash never leaves the security package. */
public record UserSummary(long id, String username, String displayName, Set<Role> roles, boolean enabled) {}
