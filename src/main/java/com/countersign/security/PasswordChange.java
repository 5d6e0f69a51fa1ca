package com.countersign.security;

import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A signed-in person chooses their own password, with the current one as proof. */
@Service
@Transactional
@PreAuthorize("isAuthenticated()")
public class PasswordChange {

    /** The only authority of someone whose password was reset by an ADMIN and not yet changed. */
    public static final String REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy policy;
    private final UserAuditLog audit;

    PasswordChange(UserAccountRepository users, PasswordEncoder passwordEncoder, PasswordPolicy policy,
            UserAuditLog audit) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.policy = policy;
        this.audit = audit;
    }

    public static boolean isRequired(Authentication authentication) {
        return authentication != null
                && authentication.getAuthorities().stream().anyMatch(a -> REQUIRED.equals(a.getAuthority()));
    }

    public void change(String currentPassword, String newPassword) {
        String me = SecurityContextHolder.getContext().getAuthentication().getName().toLowerCase(Locale.ROOT);
        UserAccount user = users.findByUsername(me).orElseThrow(() -> new IllegalStateException("No such user"));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new IllegalArgumentException("The current password is not right");
        }
        policy.check(newPassword, me);
        if (newPassword.equals(currentPassword)) {
            throw new IllegalArgumentException("Choose a password different from the current one");
        }
        boolean wasTemporary = user.mustChangePassword();
        user.choosePasswordHash(passwordEncoder.encode(newPassword));
        users.save(user);
        audit.record(UserAuditEntry.Action.PASSWORD_CHANGE, me, me, wasTemporary ? "replaced a reset password" : null);
    }
}
