package com.countersign.security;

import com.countersign.base.NotFoundException;
import com.countersign.security.PrivilegeRequest.Kind;
import com.countersign.security.UserAuditEntry.Action;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
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

/**
 * Users and their roles. Only ADMIN; an admin cannot lock themselves out. What raises someone's
 * privilege (granting REVIEWER, MANAGER or ADMIN, enabling a disabled account that holds one, resetting
 * another person's password) is not done here but asked: it waits in {@link PrivilegeRequests} for a
 * second person. What only lowers privilege (revoking a role, disabling) happens at once. All of it is
 * in the user audit.
 */
@Service
@Transactional
@PreAuthorize("hasRole('ADMIN')")
public class UserAdminService {

    /** The roles that decide approvals or administer: granting one needs a second person. */
    public static final Set<Role> PRIVILEGED = Collections.unmodifiableSet(EnumSet.of(Role.REVIEWER, Role.MANAGER, Role.ADMIN));

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final SignInThrottle throttle;
    private final PasswordPolicy passwordPolicy;
    private final UserAuditLog audit;
    private final PrivilegeRequestLog requests;

    UserAdminService(UserAccountRepository users, PasswordEncoder passwordEncoder, Clock clock,
            SignInThrottle throttle, PasswordPolicy passwordPolicy, UserAuditLog audit, PrivilegeRequestLog requests) {
        this.audit = audit;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.throttle = throttle;
        this.passwordPolicy = passwordPolicy;
        this.requests = requests;
    }

    @Transactional(readOnly = true)
    public List<UserSummary> list() {
        Map<String, Instant> locked = throttle.lockedAccounts();
        Map<Long, List<String>> waiting = requests.pending().stream().collect(Collectors.groupingBy(
                PrivilegeRequest::userId, Collectors.mapping(PrivilegeRequest::what, Collectors.toList())));
        return users.findAll().stream()
                .map(user -> user.summary(locked.get(user.username()), waiting.getOrDefault(user.id(), List.of())))
                .sorted(Comparator.comparing(UserSummary::username))
                .toList();
    }

    /** The account with its unprivileged roles; the privileged ones wait for approval. */
    public UserSummary create(String username, String displayName, Set<Role> roles, String password) {
        String name = normalizeUsername(username);
        requireSomeRole(roles);
        if (users.existsByUsername(name)) {
            throw new IllegalArgumentException("The username " + name + " is taken");
        }
        passwordPolicy.check(password, name);
        UserAccount user = UserAccount.create(name, requireDisplayName(displayName), passwordEncoder.encode(password),
                clock.instant());
        user.grant(unprivileged(roles), clock.instant(), actor(), null);
        UserAccount saved = users.save(user);
        audit.record(Action.CREATE, actor(), name, "roles " + (saved.roles().isEmpty() ? "none yet" : names(saved.roles()))
                + ", name " + saved.displayName());
        askFor(saved, Kind.GRANT_ROLES, privileged(roles));
        return summaryOf(saved);
    }

    /** Renames and revokes at once; added privileged roles wait for approval. */
    public UserSummary update(long id, String displayName, Set<Role> roles, String actingUsername) {
        requireSomeRole(roles);
        UserAccount user = load(id);
        if (user.username().equals(actingUsername) && !roles.contains(Role.ADMIN)) {
            throw new IllegalArgumentException("You cannot take the ADMIN role from yourself");
        }
        String oldName = user.displayName();
        Set<Role> oldRoles = user.roles();
        user.rename(requireDisplayName(displayName));
        Set<Role> added = EnumSet.copyOf(roles);
        added.removeAll(oldRoles);
        Set<Role> removed = EnumSet.copyOf(oldRoles.isEmpty() ? EnumSet.noneOf(Role.class) : oldRoles);
        removed.removeAll(roles);
        user.revoke(removed);
        user.grant(unprivileged(added), clock.instant(), actor(), null);
        UserAccount saved = users.save(user);
        if (!oldName.equals(saved.displayName())) {
            audit.record(Action.RENAME, actor(), saved.username(), oldName + " → " + saved.displayName());
        }
        if (!oldRoles.equals(saved.roles())) {
            audit.record(Action.ROLES, actor(), saved.username(), names(oldRoles) + " → " + names(saved.roles()));
        }
        askFor(saved, Kind.GRANT_ROLES, privileged(added));
        return summaryOf(saved);
    }

    /** Disabling is at once; enabling an account that holds a privileged role waits for approval. */
    public UserSummary setEnabled(long id, boolean enabled, String actingUsername) {
        UserAccount user = load(id);
        if (!enabled && user.username().equals(actingUsername)) {
            throw new IllegalArgumentException("You cannot disable your own account");
        }
        if (enabled && !user.enabled() && !privileged(user.roles()).isEmpty()) {
            askFor(user, Kind.ENABLE, Set.of());
            return summaryOf(user);
        }
        boolean was = user.enabled();
        user.setEnabled(enabled);
        UserAccount saved = users.save(user);
        if (was != enabled) {
            audit.record(enabled ? Action.ENABLE : Action.DISABLE, actor(), saved.username(), null);
        }
        return summaryOf(saved);
    }

    /**
     * Asks for a password reset of someone else. Once another person approves it, the portal makes a
     * temporary password and shows it to the approver only, once; it works for one sign-in, which must
     * choose a new one. The asking admin never learns it.
     */
    public UserSummary requestPasswordReset(long id) {
        UserAccount user = load(id);
        if (user.username().equals(actor())) {
            throw new IllegalArgumentException("Change your own password under Change password");
        }
        askFor(user, Kind.RESET_PASSWORD, Set.of());
        return summaryOf(user);
    }

    private void askFor(UserAccount user, Kind kind, Set<Role> roles) {
        if (kind == Kind.GRANT_ROLES && roles.isEmpty()) {
            return;
        }
        requests.pendingOf(user.id(), kind).ifPresent(waiting -> {
            throw new IllegalArgumentException("Already waiting for approval: " + waiting.describe()
                    + " (asked by " + waiting.requestedBy() + "). Have it decided or cancelled first.");
        });
        requests.insert(kind, user.id(), user.username(), roles, actor(), null);
        audit.record(Action.REQUEST, actor(), user.username(),
                PrivilegeRequest.what(kind, roles) + "; waits for approval by another admin");
    }

    private UserSummary summaryOf(UserAccount user) {
        List<String> waiting = requests.pending().stream().filter(r -> r.userId() == user.id())
                .map(PrivilegeRequest::what).toList();
        return user.summary(throttle.lockedAccounts().get(user.username()), waiting);
    }

    private static Set<Role> privileged(Set<Role> roles) {
        Set<Role> result = EnumSet.noneOf(Role.class);
        roles.stream().filter(PRIVILEGED::contains).forEach(result::add);
        return result;
    }

    private static Set<Role> unprivileged(Set<Role> roles) {
        Set<Role> result = EnumSet.noneOf(Role.class);
        roles.stream().filter(role -> !PRIVILEGED.contains(role)).forEach(result::add);
        return result;
    }

    private static void requireSomeRole(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("A user needs at least one role");
        }
    }

    /** Ends a lock from failed sign-ins now; the user signs in with their password as before. */
    public UserSummary unlock(long id) {
        UserAccount user = load(id);
        if (!throttle.unlock(user.username())) {
            throw new IllegalArgumentException(user.username() + " is not locked");
        }
        audit.record(Action.UNLOCK, actor(), user.username(), null);
        return summaryOf(user);
    }

    /** Who is acting, from the security context (not from the caller, who could name anybody). */
    static String actor() {
        Authentication acting = SecurityContextHolder.getContext().getAuthentication();
        return acting == null ? "unknown" : acting.getName();
    }

    static String names(Set<Role> roles) {
        return roles.isEmpty() ? "none" : PrivilegeRequest.names(roles);
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
