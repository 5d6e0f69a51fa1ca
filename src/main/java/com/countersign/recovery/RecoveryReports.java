package com.countersign.recovery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What history says about recent writes: big transactions, and counts of changes in a period. */
@Component
class RecoveryReports {

    private final JdbcClient jdbc;

    RecoveryReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ChangedRows> largeTransactions(Instant since, int minProformas, int limit) {
        return jdbc.sql("""
                select t.txid, t.at, t.actor, t.change_set_id, t.reason, t.proformas,
                       (select count(*) from proforma_line_version l where l.txid = t.txid) as lines
                  from (select txid, min(valid_from) as at, min(actor) as actor, max(change_set_id) as change_set_id,
                               min(reason) as reason, count(distinct proforma_id) as proformas
                          from proforma_version where valid_from >= cast(:since as timestamptz)
                         group by txid having count(distinct proforma_id) >= :min) t
                 order by t.at desc, t.txid desc limit :limit
                """).param("since", Timestamp.from(since)).param("min", minProformas).param("limit", limit)
                .query((rs, n) -> new ChangedRows(rs.getLong("txid"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), (Long) rs.getObject("change_set_id"), rs.getString("reason"),
                        rs.getInt("proformas"), rs.getInt("lines")))
                .list();
    }

    ChangeSummary changesBetween(Instant from, Instant to) {
        List<ChangeSummary.Count> perField = counts("""
                select e.key, count(*) from proforma_version v
                 cross join lateral (select to_jsonb(x) as r from proforma_version x
                                      where x.proforma_id = v.proforma_id and x.version_id < v.version_id
                                      order by x.version_id desc limit 1) prev
                 cross join lateral jsonb_each(to_jsonb(v)) e
                 where v.valid_from > cast(:from as timestamptz) and v.valid_from <= cast(:to as timestamptz)
                   and v.operation = 'U' and e.key = any(%s) and e.value is distinct from prev.r -> e.key
                 group by e.key
                union all
                select case operation when 'I' then 'created' else 'deleted' end, count(*) from proforma_version
                 where valid_from > cast(:from as timestamptz) and valid_from <= cast(:to as timestamptz)
                   and operation in ('I', 'D')
                 group by operation
                union all
                select 'lines', count(*) from proforma_line_version
                 where valid_from > cast(:from as timestamptz) and valid_from <= cast(:to as timestamptz)
                having count(*) > 0
                 order by 2 desc, 1
                """.formatted(RecoveryPlans.FIELD_ARRAY), from, to);
        List<ChangeSummary.Count> perActor = counts(grouped("actor"), from, to);
        List<ChangeSummary.Count> perChangeSet = counts(grouped(
                "coalesce('change set ' || change_set_id, 'no change set')"), from, to);
        return new ChangeSummary(perField, perActor, perChangeSet);
    }

    private static String grouped(String key) {
        return """
                select k, count(*) from (
                    select %1$s as k from proforma_version
                     where valid_from > cast(:from as timestamptz) and valid_from <= cast(:to as timestamptz)
                    union all
                    select %1$s from proforma_line_version
                     where valid_from > cast(:from as timestamptz) and valid_from <= cast(:to as timestamptz)) x
                 group by k order by 2 desc, 1
                """.formatted(key);
    }

    private List<ChangeSummary.Count> counts(String sql, Instant from, Instant to) {
        return jdbc.sql(sql).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new ChangeSummary.Count(rs.getString(1), rs.getLong(2))).list();
    }
}
