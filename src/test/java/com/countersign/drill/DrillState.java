package com.countersign.drill;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the drill reads from one database: checksums, the change set, its history and jobs. */
final class DrillState {

    final JdbcClient jdbc;
    final long changeSet;

    DrillState(DataSource database, long changeSet) {
        this.jdbc = JdbcClient.create(database);
        this.changeSet = changeSet;
    }

    /** Every byte of every proforma and line (support/Tables.checksum). */
    String exactChecksum() {
        return jdbc.sql("""
                select coalesce(md5(string_agg(p::text, '|' order by p.id)), '') ||
                       (select coalesce(md5(string_agg(l::text, '|' order by l.proforma_id, l.position)), '')
                          from proforma_line l)
                  from proforma p
                """).query(String.class).single();
    }

    /**
     * Every column but updated_at, which an apply sets to its transaction's now(); that it is one
     * value for all applied rows is checked separately ({@link #transactionsThatApplied()}).
     */
    String stableChecksum() {
        return jdbc.sql("""
                select coalesce(md5(string_agg((to_jsonb(p) - 'updated_at')::text, '|' order by p.id)), '') ||
                       (select coalesce(md5(string_agg(l::text, '|' order by l.proforma_id, l.position)), '')
                          from proforma_line l)
                  from proforma p
                """).query(String.class).single();
    }

    String status() {
        return jdbc.sql("select status from change_set where id = :cs").param("cs", changeSet).query(String.class).single();
    }

    /** Versions in history written by this change set: header rows, distinct proformas, line rows. */
    Map<String, Long> history() {
        return jdbc.sql("""
                select (select count(*) from proforma_version where change_set_id = :cs) as versions,
                       (select count(distinct proforma_id) from proforma_version where change_set_id = :cs) as proformas,
                       (select count(*) from proforma_line_version where change_set_id = :cs) as line_versions,
                       (select count(distinct txid) from proforma_version where change_set_id = :cs) as transactions
                """).param("cs", changeSet).query((rs, n) -> Map.of("versions", rs.getLong(1), "proformas", rs.getLong(2),
                        "lineVersions", rs.getLong(3), "transactions", rs.getLong(4))).single();
    }

    /** Distinct updated_at among the proformas the change set targets: 1 when one transaction applied them. */
    long transactionsThatApplied() {
        return jdbc.sql("""
                select count(distinct p.updated_at) from proforma p join change_set_target t on t.proforma_id = p.id
                 where t.change_set_id = :cs
                """).param("cs", changeSet).query(Long.class).single();
    }

    long notifications() {
        return jdbc.sql("select count(*) from change_set_notification where change_set_id = :cs")
                .param("cs", changeSet).query(Long.class).single();
    }

    /** Flowable jobs of any kind still waiting (executable, timer, suspended, dead letter). */
    long pendingJobs() {
        return jdbc.sql("""
                select (select count(*) from act_ru_job) + (select count(*) from act_ru_timer_job)
                     + (select count(*) from act_ru_suspended_job) + (select count(*) from act_ru_deadletter_job)
                """).query(Long.class).single();
    }

    /** The change set and every Flowable job left, for a report when something does not end. */
    String diagnose() {
        try {
            String changeSetRow = jdbc.sql("select status || ' ' || coalesce(failure_reason, '') from change_set where id = :cs")
                    .param("cs", changeSet).query(String.class).single();
            List<String> jobs = jdbc.sql("""
                    select kind || ': ' || coalesce(handler_type_, '') || ' retries=' || retries_ || ' lock_owner='
                           || coalesce(lock_owner_, '-') || ' lock_exp=' || coalesce(lock_exp_time_::text, '-') || ' due='
                           || coalesce(duedate_::text, '-') || ' exception=' || coalesce(left(exception_msg_, 200), '-')
                      from (select 'job' kind, * from act_ru_job union all select 'timer', * from act_ru_timer_job
                            union all select 'deadletter', * from act_ru_deadletter_job) j
                    """).query(String.class).list();
            List<String> executions = jdbc.sql("""
                    select coalesce(act_id_, '-') || ' lock_owner=' || coalesce(lock_owner_, '-') || ' lock_time='
                           || coalesce(lock_time_::text, '-') from act_ru_execution
                    """).query(String.class).list();
            return "change set " + changeSetRow + "; jobs " + jobs + "; executions " + executions;
        } catch (RuntimeException e) {
            return "could not diagnose: " + e.getMessage();
        }
    }

    /** Backends (not ours) running the apply's statements against this database right now. */
    static int applying(JdbcClient admin, String database) {
        return admin.sql("""
                select count(*) from pg_stat_activity
                 where datname = :db and state = 'active' and pid <> pg_backend_pid()
                   and query ilike '%change_set_target%'
                """).param("db", database).query(Integer.class).single();
    }

    /** Backends of this database doing anything at all (an orphaned backend finishing its statement). */
    static int busy(JdbcClient admin, String database) {
        return admin.sql("""
                select count(*) from pg_stat_activity
                 where datname = :db and state <> 'idle' and pid <> pg_backend_pid()
                """).param("db", database).query(Integer.class).single();
    }
}
