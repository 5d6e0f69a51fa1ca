package com.countersign.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
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

    @Table("app_user_role")
    record RoleGrant(Role role) {}

    @PersistenceCreator
    UserAccount() {}

    static UserAccount create(String username, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        UserAccount user = new UserAccount();
        user.username = username;
        user.displayName = displayName;
        user.passwordHash = passwordHash;
        user.enabled = true;
        user.createdAt = now;
        user.assignRoles(roles);
        return user;
    }

    void assignRoles(Set<Role> newRoles) {
        if (newRoles.isEmpty()) {
            throw new IllegalArgumentException("A user needs at least one role");
        }
        roles = newRoles.stream().map(RoleGrant::new).collect(Collectors.toCollection(HashSet::new));
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

    UserSummary summary() {
        return summary(null);
    }

    UserSummary summary(Instant lockedUntil) {
        return new UserSummary(id, username, displayName, roles(), enabled, lockedUntil);
    }
}
