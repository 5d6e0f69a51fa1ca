package com.countersign.lock;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Tests that lock editing open it again afterwards, whatever happened, so other tests can write. */
public final class Locks {

    private Locks() {}

    public static void forceOpen(JdbcClient jdbc) {
        jdbc.sql("""
                update edit_lock set locked = false, kind = null, reason = null, expected_end = null, since = null,
                       locked_by = null, change_set_id = null
                 where id = 1 and locked
                """).update();
    }
}
