package com.countersign.recovery;

import com.countersign.proforma.SqlCondition;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Works out from history, set-based, what a restore puts back: first one {@code recovery_item} per
 * proforma (restore to which version, delete, or cancel; conflict or not), then the wanted state of
 * each one not skipped, staged for the approval feature in {@code change_set_restore(_line)}.
 */
@Component
class RecoveryPlans {

    static final List<String> HEADER_FIELDS = List.of("customer_name", "customer_address", "customer_vat_id",
            "issue_date", "valid_until", "currency", "status", "notes", "source");
    static final String LINES = "lines";
    static final Set<String> RESTORABLE = Stream.concat(HEADER_FIELDS.stream(), Stream.of(LINES))
            .collect(Collectors.toUnmodifiableSet());
    static final String FIELD_ARRAY = HEADER_FIELDS.stream().map(f -> "'" + f + "'")
            .collect(Collectors.joining(", ", "array[", "]::text[]"));

    private static final String UNDO_ITEMS = """
            insert into recovery_item (change_set_id, proforma_id, number, action, source_version_id, fields, conflict,
                                       since, undone_change_set_id, resolution)
            with cs_headers as (
                     select proforma_id, min(version_id) as first_v, max(version_id) as last_v
                       from proforma_version where change_set_id = :undone group by proforma_id),
                 cs_lines as (select distinct proforma_id from proforma_line_version where change_set_id = :undone),
                 cs_txids as (select txid from proforma_version where change_set_id = :undone
                              union select txid from proforma_line_version where change_set_id = :undone),
                 span as (select min(valid_from) as since from (
                              select valid_from from proforma_version where change_set_id = :undone
                              union all select valid_from from proforma_line_version where change_set_id = :undone) x),
                 touched as (select proforma_id from cs_headers union select proforma_id from cs_lines),
                 item as (
                     select t.proforma_id, h.first_v, b.version_id as before_v, b.operation as before_op,
                            a.operation as after_op, to_jsonb(b) as before_row, to_jsonb(a) as after_row,
                            l.proforma_id is not null as lines_touched, cur.version_id as current_v,
                            coalesce(a.number, cur.number) as number
                       from touched t
                       left join cs_headers h on h.proforma_id = t.proforma_id
                       left join cs_lines l on l.proforma_id = t.proforma_id
                       left join lateral (select * from proforma_version v
                                           where v.proforma_id = t.proforma_id and v.version_id < h.first_v
                                           order by v.version_id desc limit 1) b on true
                       left join proforma_version a on a.version_id = h.last_v
                       left join lateral (select * from proforma_version v where v.proforma_id = t.proforma_id
                                           order by v.version_id desc limit 1) cur on true)
            select :cs, i.proforma_id, i.number,
                   case when i.first_v is not null and (i.before_op is null or i.before_op = 'D') then 'DELETE'
                        else 'RESTORE' end,
                   case when i.first_v is null then i.current_v else i.before_v end,
                   case when i.first_v is null then array['lines']
                        when i.after_op = 'D' then null
                        else array(select f from unnest(%1$s) f where i.before_row -> f is distinct from i.after_row -> f)
                             || case when i.lines_touched then array['lines'] else array[]::text[] end end,
                   exists (select 1 from proforma_version v
                            where v.proforma_id = i.proforma_id and v.valid_from >= s.since
                              and v.txid not in (select txid from cs_txids))
                   or exists (select 1 from proforma_line_version v
                               where v.proforma_id = i.proforma_id and v.valid_from >= s.since
                                 and v.txid not in (select txid from cs_txids)),
                   s.since - interval '1 microsecond', :undone, 'RESTORE'
              from item i cross join span s
            """.formatted(FIELD_ARRAY);

    private static final String POINT_IN_TIME_ITEMS = """
            insert into recovery_item (change_set_id, proforma_id, number, action, source_version_id, fields, conflict,
                                       since, resolution)
            with at_t as (
                     select distinct on (v.proforma_id) v.* from proforma_version v
                      where v.valid_from <= cast(:at as timestamptz) order by v.proforma_id, v.version_id desc),
                 now_matching as (select p.id, p.number from proforma p %1$s),
                 existed as (
                     select p.* from (select * from at_t where operation <> 'D') p %1$s
                     union
                     select a.* from at_t a
                      where a.operation <> 'D' and a.proforma_id in (select id from now_matching)),
                 later as (
                     select proforma_id, count(distinct txid) as txs from (
                         select proforma_id, txid from proforma_version where valid_from > cast(:at as timestamptz)
                         union all select proforma_id, txid from proforma_line_version where valid_from > cast(:at as timestamptz)) x
                      group by proforma_id)
            select :cs, e.proforma_id, e.number, 'RESTORE', e.version_id, null::text[], coalesce(l.txs, 0) > 1, cast(:at as timestamptz),
                   'RESTORE'
              from existed e left join later l on l.proforma_id = e.proforma_id
            union all
            select :cs, n.id, n.number, 'CANCEL', null, null, false, cast(:at as timestamptz), 'RESTORE'
              from now_matching n
             where :cancel and not exists (select 1 from at_t a where a.proforma_id = n.id and a.operation <> 'D')
            """;

    private static final String STAGE_HEADERS = """
            insert into change_set_restore (change_set_id, proforma_id, number, deleted, %1$s, version, created_at,
                                            created_by)
            select i.change_set_id, i.proforma_id, i.number, i.action = 'DELETE', %2$s,
                   coalesce(v.version, p.version), coalesce(p.created_at, v.created_at), coalesce(p.created_by, v.created_by)
              from recovery_item i
              left join proforma_version v on v.version_id = i.source_version_id
              left join proforma p on p.id = i.proforma_id
             where i.change_set_id = :cs and i.resolution <> 'SKIP'
               and not (i.action in ('DELETE', 'CANCEL') and p.id is null)
            """.formatted(String.join(", ", HEADER_FIELDS), HEADER_FIELDS.stream().map(f -> """
            case when i.action = 'DELETE' then null
                 when i.action = 'CANCEL' then %2$s
                 when p.id is null or i.fields is null or '%1$s' = any(i.fields) then v.%1$s
                 else p.%1$s end""".formatted(f, f.equals("status") ? "'CANCELLED'" : "p." + f))
            .collect(Collectors.joining(", ")));

    private static final String RESTORED_LINES_OF = """
            select proforma_id from recovery_item
             where change_set_id = :cs and resolution <> 'SKIP' and action = 'RESTORE'
               and (fields is null or 'lines' = any(fields))
            """;

    private static final String STAGE_UNDONE_LINES = """
            insert into change_set_restore_line (change_set_id, proforma_id, position, present, description, quantity,
                                                 unit_price, tax_rate)
            select :cs, f.proforma_id, f.position, coalesce(b.operation <> 'D', false), b.description, b.quantity,
                   b.unit_price, b.tax_rate
              from (select proforma_id, position, min(version_id) as first_v from proforma_line_version
                     where change_set_id = :undone group by proforma_id, position) f
              left join lateral (select * from proforma_line_version b
                                  where b.proforma_id = f.proforma_id and b.position = f.position
                                    and b.version_id < f.first_v order by b.version_id desc limit 1) b on true
             where f.proforma_id in (%s)
            """.formatted(RESTORED_LINES_OF);

    private static final String STAGE_LINES_AT = """
            insert into change_set_restore_line (change_set_id, proforma_id, position, present, description, quantity,
                                                 unit_price, tax_rate)
            with items as (%s),
                 wanted as materialized (
                     select distinct on (lv.proforma_id, lv.position) lv.* from proforma_line_version lv
                      where lv.proforma_id in (select proforma_id from items) and lv.valid_from <= cast(:at as timestamptz)
                      order by lv.proforma_id, lv.position, lv.version_id desc),
                 current_lines as (
                     select l.proforma_id, l.position from proforma_line l
                      where l.proforma_id in (select proforma_id from items))
            select :cs, coalesce(w.proforma_id, c.proforma_id), coalesce(w.position, c.position),
                   coalesce(w.operation <> 'D', false), w.description, w.quantity, w.unit_price, w.tax_rate
              from wanted w full join current_lines c on c.proforma_id = w.proforma_id and c.position = w.position
            """.formatted(RESTORED_LINES_OF);

    private final JdbcClient jdbc;

    RecoveryPlans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int undo(long changeSetId, long undone, Map<Long, ConflictChoice> choices) {
        int items = jdbc.sql(UNDO_ITEMS).param("cs", changeSetId).param("undone", undone).update();
        resolve(changeSetId, choices);
        jdbc.sql(STAGE_HEADERS).param("cs", changeSetId).update();
        jdbc.sql(STAGE_UNDONE_LINES).param("cs", changeSetId).param("undone", undone).update();
        return items;
    }

    int pointInTime(long changeSetId, PointInTimeRestore restore, Map<Long, ConflictChoice> choices) {
        SqlCondition condition = restore.filter().toSql();
        Timestamp at = Timestamp.from(restore.at());
        int items = jdbc.sql(POINT_IN_TIME_ITEMS.formatted(condition.where())).params(condition.params())
                .param("cs", changeSetId).param("at", at).param("cancel", restore.cancelCreatedAfter()).update();
        resolve(changeSetId, choices);
        jdbc.sql(STAGE_HEADERS).param("cs", changeSetId).update();
        jdbc.sql(STAGE_LINES_AT).param("cs", changeSetId).param("at", at).update();
        return items;
    }

    /** Conflicts are skipped unless the requester chose otherwise; choices may narrow any proforma's fields. */
    private void resolve(long changeSetId, Map<Long, ConflictChoice> choices) {
        jdbc.sql("update recovery_item set resolution = 'SKIP' where change_set_id = :cs and conflict")
                .param("cs", changeSetId).update();
        choices.forEach((proformaId, choice) -> jdbc.sql("""
                update recovery_item
                   set resolution = :resolution,
                       fields = case when :resolution <> 'FIELDS' then fields
                                     when fields is null then string_to_array(:chosen, ',')
                                     else array(select unnest(fields) intersect select unnest(string_to_array(:chosen, ',')))
                                end
                 where change_set_id = :cs and proforma_id = :p
                """).param("resolution", choice.resolution().name()).param("chosen", String.join(",", choice.fields()))
                .param("cs", changeSetId).param("p", proformaId).update());
    }

    List<RecoveryConflict> conflicts(long changeSetId) {
        return jdbc.sql("""
                select proforma_id, number, resolution, fields, since, undone_change_set_id from recovery_item
                 where change_set_id = :cs and conflict order by proforma_id
                """).param("cs", changeSetId)
                .query((rs, n) -> {
                    java.sql.Array fields = rs.getArray("fields");
                    long proformaId = rs.getLong("proforma_id");
                    return new RecoveryConflict(proformaId, rs.getString("number"),
                            ConflictChoice.Resolution.valueOf(rs.getString("resolution")),
                            fields == null ? List.copyOf(RESTORABLE.stream().sorted().toList())
                                    : List.of((String[]) fields.getArray()),
                            laterChanges(proformaId, rs.getTimestamp("since").toInstant(),
                                    (Long) rs.getObject("undone_change_set_id")));
                })
                .list();
    }

    /** Everything written to the proforma after {@code since}, except by the change set being undone. */
    List<LaterChange> laterChanges(long proformaId, Instant since, Long undone) {
        return jdbc.sql("""
                select v.valid_from, v.actor, v.change_set_id, v.operation,
                       array(select e.key from jsonb_each(to_jsonb(v)) e
                              where e.key = any(%s) and (prev.r is null or e.value is distinct from prev.r -> e.key)
                              order by e.key) as fields
                  from proforma_version v
                  left join lateral (select to_jsonb(x) as r from proforma_version x
                                      where x.proforma_id = v.proforma_id and x.version_id < v.version_id
                                      order by x.version_id desc limit 1) prev on true
                 where v.proforma_id = :p and v.valid_from > cast(:since as timestamptz) and coalesce(v.change_set_id, -1) <> coalesce(cast(:undone as bigint), -2)
                union all
                select min(lv.valid_from), min(lv.actor), min(lv.change_set_id), 'U',
                       array_agg('line ' || lv.position order by lv.position)
                  from proforma_line_version lv
                 where lv.proforma_id = :p and lv.valid_from > cast(:since as timestamptz) and coalesce(lv.change_set_id, -1) <> coalesce(cast(:undone as bigint), -2)
                 group by lv.txid
                 order by 1
                """.formatted(FIELD_ARRAY)).param("p", proformaId).param("since", Timestamp.from(since))
                .param("undone", undone, java.sql.Types.BIGINT)
                .query((rs, n) -> new LaterChange(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        (Long) rs.getObject(3), rs.getString(4), List.of((String[]) rs.getArray(5).getArray())))
                .list();
    }
}
