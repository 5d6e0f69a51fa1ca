package com.countersign.lock;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Tests that lock editing open it again afterwards, whatever happened, so other tests can write. */
public final class Locks {

    private Locks() {}

    public static void forceOpen(JdbcClient jdbc) {
        jdbc.sql("""
                select public.countersign_edit_unlock(null)
                  from (select set_config('countersign.actor', 'test cleanup', true)) as actor
                """).query().singleRow();
    }
}
