package com.countersign.security;

import com.countersign.base.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
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

    UserAdminService(UserAccountRepository users, PasswordEncoder passwordEncoder, Clock clock,
            SignInThrottle throttle, PasswordPolicy passwordPolicy) {
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
        return users.save(user).summary();
    }

    public UserSummary update(long id, String displayName, Set<Role> roles, String actingUsername) {
        UserAccount user = load(id);
        if (user.username().equals(actingUsername) && !roles.contains(Role.ADMIN)) {
            throw new IllegalArgumentException("You cannot take the ADMIN role from yourself");
        }
        user.rename(requireDisplayName(displayName));
        user.assignRoles(roles);
        return users.save(user).summary();
    }

    public UserSummary setEnabled(long id, boolean enabled, String actingUsername) {
        UserAccount user = load(id);
        if (!enabled && user.username().equals(actingUsername)) {
            throw new IllegalArgumentException("You cannot disable your own account");
        }
        user.setEnabled(enabled);
        return users.save(user).summary();
    }

    public void resetPassword(long id, String newPassword) {
        UserAccount user = load(id);
        passwordPolicy.check(newPassword, user.username());
        user.changePasswordHash(passwordEncoder.encode(newPassword));
        users.save(user);
    }

    /** Ends a lock from failed sign-ins now; the user signs in with their password as before. */
    public UserSummary unlock(long id) {
        UserAccount user = load(id);
        if (!throttle.unlock(user.username())) {
            throw new IllegalArgumentException(user.username() + " is not locked");
        }
        return user.summary();
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
