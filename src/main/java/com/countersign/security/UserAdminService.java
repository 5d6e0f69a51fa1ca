package com.countersign.security;

import com.countersign.base.NotFoundException;
import com.countersign.security.UserAuditEntry.Action;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and their roles. Only ADMIN; an admin cannot lock themselves out. */
@Service
@Transactional
@PreAuthorize("hasRole('ADMIN')")
public class UserAdminService {

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final SignInThrottle throttle;
    private final PasswordPolicy passwordPolicy;
    private final UserAuditLog audit;

    UserAdminService(UserAccountRepository users, PasswordEncoder passwordEncoder, Clock clock,
            SignInThrottle throttle, PasswordPolicy passwordPolicy, UserAuditLog audit) {
        this.audit = audit;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.throttle = throttle;
        this.passwordPolicy = passwordPolicy;
    }

    @Transactional(readOnly = true)
    public List<UserSummary> list() {
        Map<String, Instant> locked = throttle.lockedAccounts();
        return users.findAll().stream()
                .map(user -> user.summary(locked.get(user.username())))
                .sorted(Comparator.comparing(UserSummary::username))
                .toList();
    }

    public UserSummary create(String username, String displayName, Set<Role> roles, String password) {
        String name = normalizeUsername(username);
        if (users.existsByUsername(name)) {
            throw new IllegalArgumentException("The username " + name + " is taken");
        }
        passwordPolicy.check(password, name);
        UserAccount user = UserAccount.create(name, requireDisplayName(displayName), passwordEncoder.encode(password),
                roles, clock.instant());
        UserSummary created = users.save(user).summary();
        audit.record(Action.CREATE, actor(), name, "roles " + names(roles) + ", name " + created.displayName());
        return created;
    }

    public UserSummary update(long id, String displayName, Set<Role> roles, String actingUsername) {
        UserAccount user = load(id);
        if (user.username().equals(actingUsername) && !roles.contains(Role.ADMIN)) {
            throw new IllegalArgumentException("You cannot take the ADMIN role from yourself");
        }
        String oldName = user.displayName();
        Set<Role> oldRoles = user.roles();
        user.rename(requireDisplayName(displayName));
        user.assignRoles(roles);
        UserSummary saved = users.save(user).summary();
        if (!oldName.equals(saved.displayName())) {
            audit.record(Action.RENAME, actor(), saved.username(), oldName + " → " + saved.displayName());
        }
        if (!oldRoles.equals(saved.roles())) {
            audit.record(Action.ROLES, actor(), saved.username(), names(oldRoles) + " → " + names(saved.roles()));
        }
        return saved;
    }

    public UserSummary setEnabled(long id, boolean enabled, String actingUsername) {
        UserAccount user = load(id);
        if (!enabled && user.username().equals(actingUsername)) {
            throw new IllegalArgumentException("You cannot disable your own account");
        }
        boolean was = user.enabled();
        user.setEnabled(enabled);
        UserSummary saved = users.save(user).summary();
        if (was != enabled) {
            audit.record(enabled ? Action.ENABLE : Action.DISABLE, actor(), saved.username(), null);
        }
        return saved;
    }

    public void resetPassword(long id, String newPassword) {
        UserAccount user = load(id);
        passwordPolicy.check(newPassword, user.username());
        user.resetPasswordHash(passwordEncoder.encode(newPassword));
        users.save(user);
        // never the password, nor its hash
        audit.record(Action.PASSWORD_RESET, actor(), user.username(), null);
    }

    /** Ends a lock from failed sign-ins now; the user signs in with their password as before. */
    public UserSummary unlock(long id) {
        UserAccount user = load(id);
        if (!throttle.unlock(user.username())) {
            throw new IllegalArgumentException(user.username() + " is not locked");
        }
        audit.record(Action.UNLOCK, actor(), user.username(), null);
        return user.summary();
    }

    /** Who is acting, from the security context (not from the caller, who could name anybody). */
    private static String actor() {
        Authentication acting = SecurityContextHolder.getContext().getAuthentication();
        return acting == null ? "unknown" : acting.getName();
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(", "));
    }

    private UserAccount load(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("User " + id + " does not exist"));
    }

    static String normalizeUsername(String username) {
        // Locale.ROOT: with a Turkish default locale "ADMIN" would become "admın"
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9._-]{3,60}")) {
            throw new IllegalArgumentException(
                    "A username is 3 to 60 characters: lower-case letters, digits, dot, dash or underscore");
        }
        return name;
    }

    private static String requireDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("A display name is required");
        }
        if (displayName.strip().length() > 120) {
            throw new IllegalArgumentException("A display name has at most 120 characters");
        }
        return displayName.strip();
    }
}
