package com.countersign.security;

import com.countersign.security.UserAuditEntry.Action;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends to {@code user_admin_event} in the caller's transaction, so an admin action and its line
 * commit or fail together. Reading is for {@link UserAuditService}.
 */
@Component
class UserAuditLog {

    static final String SIGN_IN_DOOR = "sign-in door";

    private final JdbcClient jdbc;
    private final Clock clock;

    UserAuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(Action action, String actor, String target, String detail) {
        jdbc.sql("""
                insert into user_admin_event (at, action, actor, target, detail)
                values (:at, :action, :actor, :target, :detail)""")
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("action", action.name()).param("actor", actor).param("target", target)
                .param("detail", detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                .update();
    }

    /** A burst of failed sign-ins reached the lock: on record with the address it came from. */
    @EventListener
    void on(SignInThrottle.Locked locked) {
        String what = locked.kind() == SignInThrottle.Kind.ACCOUNT ? "account" : "client address";
        record(Action.LOCKOUT, SIGN_IN_DOOR, locked.subject(), locked.failures() + " failed sign-ins, last from "
                + (locked.address() == null ? "no address" : locked.address()) + "; " + what + " locked until "
                + locked.until());
    }

    List<UserAuditEntry> find(UserAuditEntry.Filter filter, int offset, int limit) {
        return jdbc.sql("""
                select id, at, action, actor, target, detail from user_admin_event
                 where """ + WHERE + """
                 order by at desc, id desc
                 offset :offset limit :limit""")
                .params(parameters(filter)).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new UserAuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        Action.valueOf(rs.getString("action")), rs.getString("actor"), rs.getString("target"),
                        rs.getString("detail")))
                .list();
    }

    int count(UserAuditEntry.Filter filter) {
        return jdbc.sql("select count(*) from user_admin_event where " + WHERE)
                .params(parameters(filter)).query(Integer.class).single();
    }

    private static final String WHERE = """
            (cast(:action as varchar) is null or action = :action)
               and (cast(:person as varchar) is null or actor ilike :person or target ilike :person)
               and (cast(:from as timestamptz) is null or at >= :from)
               and (cast(:until as timestamptz) is null or at < :until)
            """;

    private static Map<String, Object> parameters(UserAuditEntry.Filter filter) {
        Map<String, Object> values = new HashMap<>();
        values.put("action", filter.action() == null ? null : filter.action().name());
        values.put("person", filter.person() == null || filter.person().isBlank() ? null
                : "%" + filter.person().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        values.put("from", at(filter.from()));
        values.put("until", at(filter.until()));
        return values;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
