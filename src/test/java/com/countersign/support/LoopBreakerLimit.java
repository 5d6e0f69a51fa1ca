package com.countersign.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The loop breaker's limit for tests (025-loop-breaker.sql). All tests of a JVM share one database
 * and a handful of actors ("staff", the portal's role without an actor), so together they change
 * far more proformas within ten minutes than any person would: the suite runs with the limit
 * lifted, and the breaker's own tests and the load benchmark put the shipped defaults back while
 * they run. Only the owner may change it, so this goes through {@link DatabaseRoles#ownerSql()}.
 */
@Component
public class LoopBreakerLimit {

    static final int SUITE_LIMIT = 1_000_000;

    private final ObjectProvider<EmbeddedPostgres> embedded;
    private final ObjectProvider<DatabaseRoles> roles;

    LoopBreakerLimit(ObjectProvider<EmbeddedPostgres> embedded, ObjectProvider<DatabaseRoles> roles) {
        this.embedded = embedded;
        this.roles = roles;
    }

    @EventListener(ContextRefreshedEvent.class)
    void liftForTheSuite() {
        // a second node started by a test shares the first one's database, which is set already
        if (embedded.getIfAvailable() != null) {
            set(SUITE_LIMIT, "10 minutes", "tests of one JVM share the database and a handful of actors");
        }
    }

    /** The limit and window as changeset 025 ships them (its first CONFIGURE event). */
    public void shipped() {
        owner().sql("""
                select public.countersign_breaker_configure(max_proformas, time_window, 'the shipped defaults, for a test')
                  from loop_breaker_event where action = 'CONFIGURE' order by id limit 1
                """).query().singleRow();
    }

    public void set(int limit, String window, String why) {
        owner().sql("select public.countersign_breaker_configure(:limit, cast(:window as interval), :why)")
                .param("limit", limit).param("window", window).param("why", why).query().singleRow();
    }

    public void liftForTheSuite(String why) {
        set(SUITE_LIMIT, "10 minutes", why);
    }

    /** Clears every window and trip left by a test, so the next one starts from nothing. */
    public void clear() {
        owner().sql("delete from loop_breaker_touch").update();
        owner().sql("""
                update loop_breaker_trip set reset_at = now(), reset_by = 'test', reset_reason = 'cleared after a test'
                 where reset_at is null
                """).update();
    }

    private JdbcClient owner() {
        return roles.getObject().ownerSql();
    }
}
