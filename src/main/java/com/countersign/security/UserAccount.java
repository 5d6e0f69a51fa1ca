package com.countersign.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

@Table("app_user")
class UserAccount {

    @Id
    private Long id;

    @Version
    private Integer version;

    private String username;
    private String displayName;
    private String passwordHash;
    private boolean enabled;
    private boolean mustChangePassword;
    private Instant createdAt;

    @MappedCollection(idColumn = "user_id")
    private Set<RoleGrant> roles = new HashSet<>();

    /**
     * A role held, with when and by whom it was given (grantedAt null: before that was recorded, or a
     * demo user). Kept as it is while the role is held: renaming or other roles do not make it fresh.
     */
    @Table("app_user_role")
    record RoleGrant(Role role, Instant grantedAt, String grantedBy, String approvedBy) {}

    @PersistenceCreator
    UserAccount() {}

    /** Without roles: they are granted on their own, directly or once a request is approved. */
    static UserAccount create(String username, String displayName, String passwordHash, Instant now) {
        UserAccount user = new UserAccount();
        user.username = username;
        user.displayName = displayName;
        user.passwordHash = passwordHash;
        user.enabled = true;
        user.createdAt = now;
        return user;
    }

    /** Adds the roles not held yet; those held keep their original grant. */
    void grant(Set<Role> added, Instant at, String grantedBy, String approvedBy) {
        Set<Role> held = roles();
        added.stream().filter(role -> !held.contains(role))
                .forEach(role -> roles.add(new RoleGrant(role, at, grantedBy, approvedBy)));
    }

    void revoke(Set<Role> removed) {
        roles.removeIf(grant -> removed.contains(grant.role()));
    }

    void rename(String newDisplayName) {
        displayName = newDisplayName;
    }

    void changePasswordHash(String newHash) {
        passwordHash = newHash;
    }

    /** An ADMIN set it: good for the next sign-in only, which must choose a new one. */
    void resetPasswordHash(String temporaryHash) {
        passwordHash = temporaryHash;
        mustChangePassword = true;
    }

    /** The person chose it themselves. */
    void choosePasswordHash(String newHash) {
        passwordHash = newHash;
        mustChangePassword = false;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    void setEnabled(boolean value) {
        enabled = value;
    }

    Long id() {
        return id;
    }

    String username() {
        return username;
    }

    String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean enabled() {
        return enabled;
    }

    Set<Role> roles() {
        Set<Role> result = EnumSet.noneOf(Role.class);
        roles.forEach(grant -> result.add(grant.role()));
        return result;
    }

    UserSummary summary(Instant lockedUntil, List<String> waiting) {
        return new UserSummary(id, username, displayName, roles(), enabled, lockedUntil, waiting);
    }
}
