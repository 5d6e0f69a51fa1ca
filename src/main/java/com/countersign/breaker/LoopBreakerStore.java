package com.countersign.breaker;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The breaker's tables are the owner's (025-loop-breaker.sql): the portal reads them and resets a
 * trip through the owner's function, which checks the manager and audits the reason.
 */
@Repository
class LoopBreakerStore {

    private static final String TRIP_COLUMNS = """
            id, db_user, actor, tripped_at, proforma_count, max_proformas,
            extract(epoch from time_window)::bigint as window_seconds, first_proforma_id, first_at,
            last_proforma_id, reset_at, reset_by, reset_reason
            """;

    private final JdbcClient jdbc;

    LoopBreakerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    BreakerSettings settings() {
        return jdbc.sql("""
                select max_proformas, extract(epoch from time_window)::bigint as window_seconds
                  from loop_breaker_setting where id = 1
                """).query((rs, n) -> new BreakerSettings(rs.getInt(1), Duration.ofSeconds(rs.getLong(2)))).single();
    }

    List<BreakerTrip> open() {
        return jdbc.sql("select " + TRIP_COLUMNS + " from loop_breaker_trip where reset_at is null order by tripped_at desc")
                .query(LoopBreakerStore::trip).list();
    }

    List<BreakerTrip> recentlyReset(int limit) {
        return jdbc.sql("select " + TRIP_COLUMNS + " from loop_breaker_trip where reset_at is not null"
                        + " order by reset_at desc limit :limit")
                .param("limit", limit).query(LoopBreakerStore::trip).list();
    }

    /** False when the trip was reset already (by another manager, say). */
    boolean reset(long tripId, String reason) {
        return jdbc.sql("select public.countersign_breaker_reset(cast(:trip as bigint), cast(:reason as text))")
                .param("trip", tripId).param("reason", reason).query(Boolean.class).single();
    }

    private static BreakerTrip trip(ResultSet rs, int n) throws SQLException {
        return new BreakerTrip(rs.getLong("id"), rs.getString("db_user"), rs.getString("actor"),
                instant(rs.getTimestamp("tripped_at")), rs.getInt("proforma_count"), rs.getInt("max_proformas"),
                Duration.ofSeconds(rs.getLong("window_seconds")), rs.getLong("first_proforma_id"),
                instant(rs.getTimestamp("first_at")), rs.getLong("last_proforma_id"), instant(rs.getTimestamp("reset_at")),
                rs.getString("reset_by"), rs.getString("reset_reason"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
