package com.countersign.security;

import com.countersign.security.PrivilegeRequest.Kind;
import com.countersign.security.PrivilegeRequest.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rows of {@code privilege_request}: written once, decided once (the table's trigger holds that too). */
@Component
class PrivilegeRequestLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    PrivilegeRequestLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long insert(Kind kind, long userId, String username, Set<Role> roles, String requestedBy, String reason) {
        return jdbc.sql("""
                insert into privilege_request (kind, user_id, username, roles, requested_by, requested_at, reason)
                values (:kind, :userId, :username, :roles, :requestedBy, :at, :reason)
                returning id""")
                .param("kind", kind.name()).param("userId", userId).param("username", username)
                .param("roles", kind == Kind.GRANT_ROLES ? roles.stream().map(Role::name).sorted()
                        .collect(Collectors.joining(",")) : null)
                .param("requestedBy", requestedBy).param("at", now())
                .param("reason", reason == null || reason.isBlank() ? null : reason.strip())
                .query(Long.class).single();
    }

    Optional<PrivilegeRequest> pendingOf(long userId, Kind kind) {
        return jdbc.sql(SELECT + " where user_id = :userId and kind = :kind and status = 'PENDING'")
                .param("userId", userId).param("kind", kind.name()).query(PrivilegeRequestLog::row).optional();
    }

    /** Locked until the transaction ends: two approvers of one request wait for each other. */
    Optional<PrivilegeRequest> findForDecision(long id) {
        return jdbc.sql(SELECT + " where id = :id for update").param("id", id).query(PrivilegeRequestLog::row).optional();
    }

    List<PrivilegeRequest> pending() {
        return jdbc.sql(SELECT + " where status = 'PENDING' order by requested_at, id")
                .query(PrivilegeRequestLog::row).list();
    }

    List<PrivilegeRequest> recentlyDecided(int limit) {
        return jdbc.sql(SELECT + " where status <> 'PENDING' order by decided_at desc, id desc limit :limit")
                .param("limit", limit).query(PrivilegeRequestLog::row).list();
    }

    void decide(long id, Status status, String decidedBy, String comment) {
        int updated = jdbc.sql("""
                update privilege_request set status = :status, decided_by = :by, decided_at = :at, comment = :comment
                 where id = :id and status = 'PENDING'""")
                .param("id", id).param("status", status.name()).param("by", decidedBy).param("at", now())
                .param("comment", comment == null || comment.isBlank() ? null : comment.strip())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Privilege request " + id + " was decided meanwhile");
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static final String SELECT = """
            select id, kind, user_id, username, roles, requested_by, requested_at, reason, status, decided_by,
                   decided_at, comment
              from privilege_request""";

    private static PrivilegeRequest row(ResultSet rs, int n) throws SQLException {
        String roles = rs.getString("roles");
        Set<Role> roleSet = roles == null ? EnumSet.noneOf(Role.class)
                : Arrays.stream(roles.split(",")).map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        OffsetDateTime decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
        return new PrivilegeRequest(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getLong("user_id"),
                rs.getString("username"), roleSet, rs.getString("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class).toInstant(), rs.getString("reason"),
                Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getString("comment"));
    }
}
