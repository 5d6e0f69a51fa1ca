package com.countersign.security;

import com.countersign.base.FourEyesRule;
import com.countersign.security.PrivilegeRequest.Status;
import com.countersign.security.UserAuditEntry.Action;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second person for privilege changes: another ADMIN approves or rejects what an ADMIN asked
 * (a MANAGER does while no other ADMIN is active), never the one who asked, never the person it is
 * about, and only by a role of their own ({@link FourEyesRule}: old enough, not given by the asker).
 * An approved reset makes a temporary password that only the approver sees, once.
 */
@Service
@Transactional
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
public class PrivilegeRequests {

    /** What an approval did; {@code temporaryPassword} only for a reset, to hand over in person. */
    public record Approved(PrivilegeRequest request, String temporaryPassword) {}

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int TEMPORARY_LENGTH = 20;

    private final PrivilegeRequestLog requests;
    private final UserAccountRepository users;
    private final People people;
    private final ApprovalStandings standings;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final UserAuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PrivilegeRequests(PrivilegeRequestLog requests, UserAccountRepository users, People people,
            ApprovalStandings standings, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
            UserAuditLog audit, Clock clock) {
        this.requests = requests;
        this.users = users;
        this.people = people;
        this.standings = standings;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<PrivilegeRequest> pending() {
        return requests.pending();
    }

    @Transactional(readOnly = true)
    public List<PrivilegeRequest> recentlyDecided() {
        return requests.recentlyDecided(50);
    }

    /** Why the signed-in person may not approve it, or empty when they may. */
    @Transactional(readOnly = true)
    public Optional<String> whyNotMe(PrivilegeRequest request) {
        return refusal(request, UserAdminService.actor(), myRoles());
    }

    public Approved approve(long id, String comment) {
        String me = UserAdminService.actor();
        PrivilegeRequest request = pendingForDecision(id);
        refusal(request, me, myRoles()).ifPresent(reason -> {
            throw new AccessDeniedException(reason);
        });
        UserAccount user = users.findById(request.userId()).orElseThrow();
        String asked = "asked by " + request.requestedBy() + ", approved by " + me;
        String temporaryPassword = null;
        switch (request.kind()) {
            case GRANT_ROLES -> {
                Set<Role> before = user.roles();
                user.grant(request.roles(), clock.instant(), request.requestedBy(), me);
                users.save(user);
                audit.record(Action.ROLES, me, user.username(), UserAdminService.names(before) + " → "
                        + UserAdminService.names(user.roles()) + " (" + asked + ")");
            }
            case ENABLE -> {
                user.setEnabled(true);
                users.save(user);
                audit.record(Action.ENABLE, me, user.username(), asked);
            }
            case RESET_PASSWORD -> {
                temporaryPassword = temporaryPassword();
                passwordPolicy.check(temporaryPassword, user.username());
                // good for one sign-in, which must choose a new password; never logged, never stored
                user.resetPasswordHash(passwordEncoder.encode(temporaryPassword));
                users.save(user);
                audit.record(Action.PASSWORD_RESET, me, user.username(), asked + ", shown the temporary password once");
            }
        }
        requests.decide(id, Status.APPROVED, me, comment);
        audit.record(Action.APPROVE, me, user.username(), request.what() + " (asked by " + request.requestedBy() + ")"
                + remark(comment));
        return new Approved(request, temporaryPassword);
    }

    public void reject(long id, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("Say why the request is rejected");
        }
        String me = UserAdminService.actor();
        PrivilegeRequest request = pendingForDecision(id);
        refusal(request, me, myRoles()).ifPresent(reason -> {
            throw new AccessDeniedException(reason);
        });
        requests.decide(id, Status.REJECTED, me, comment);
        audit.record(Action.REJECT, me, request.username(), request.what() + " (asked by " + request.requestedBy() + ")"
                + remark(comment));
    }

    /** The asker takes their own request back. */
    public void cancel(long id) {
        String me = UserAdminService.actor();
        PrivilegeRequest request = pendingForDecision(id);
        if (!request.requestedBy().equals(me)) {
            throw new AccessDeniedException("Only " + request.requestedBy() + ", who asked, can cancel this request");
        }
        requests.decide(id, Status.CANCELLED, me, null);
        audit.record(Action.CANCEL, me, request.username(), request.what());
    }

    private PrivilegeRequest pendingForDecision(long id) {
        PrivilegeRequest request = requests.findForDecision(id)
                .orElseThrow(() -> new IllegalArgumentException("Privilege request " + id + " does not exist"));
        if (request.status() != Status.PENDING) {
            throw new IllegalStateException("Privilege request " + id + " is already " + request.status());
        }
        return request;
    }

    private Optional<String> refusal(PrivilegeRequest request, String me, Set<String> myRoles) {
        if (me.equals(request.username())) {
            return Optional.of("Nobody approves a request about themselves: " + request.describe()
                    + " needs somebody else");
        }
        Role deciding;
        if (myRoles.contains(Role.ADMIN.authority())) {
            deciding = Role.ADMIN;
        } else if (myRoles.contains(Role.MANAGER.authority())) {
            List<String> otherAdmins = people.withRole(Role.ADMIN).stream()
                    .filter(admin -> !admin.equals(request.requestedBy()) && !admin.equals(request.username()))
                    .toList();
            if (!otherAdmins.isEmpty()) {
                return Optional.of("Another ADMIN approves this (" + String.join(", ", otherAdmins)
                        + "); a MANAGER approves only while no other ADMIN is active");
            }
            deciding = Role.MANAGER;
        } else {
            return Optional.of("Only an ADMIN, or a MANAGER while no other ADMIN is active, approves privilege requests");
        }
        return new FourEyesRule("privilege request " + request.id(), "asked for")
                .refusal(request.requestedBy(), me, false, List.of(), standings.of(me, deciding));
    }

    private String temporaryPassword() {
        StringBuilder password = new StringBuilder(TEMPORARY_LENGTH);
        for (int i = 0; i < TEMPORARY_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static Set<String> myRoles() {
        return SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }

    private static String remark(String comment) {
        return comment == null || comment.isBlank() ? "" : ": " + comment.strip();
    }
}
