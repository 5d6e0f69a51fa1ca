package com.countersign.recovery;

import com.countersign.approval.RestoreRequest;
import com.countersign.proforma.SqlCondition;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Works out from history, set-based, what a restore puts back: first one {@code recovery_item} per
 * proforma (restore to which version, delete, or cancel; conflict or not), then only what differs
 * from the current state, staged for the approval feature in {@code change_set_restore(_line)}:
 * the lines to insert, update or delete, and the headers that change.
 */
@Component
class RecoveryPlans {

    static final List<String> HEADER_FIELDS = RestoreRequest.HEADER_FIELDS;
    static final String LINES = "lines";
    static final Set<String> RESTORABLE = Stream.concat(HEADER_FIELDS.stream(), Stream.of(LINES))
            .collect(Collectors.toUnmodifiableSet());
    static final String FIELD_ARRAY = HEADER_FIELDS.stream().map(f -> "'" + f + "'")
            .collect(Collectors.joining(", ", "array[", "]::text[]"));

    /** When the change set being undone started writing; later writes by anyone else are conflicts. */
    private static final String UNDO_SINCE = """
            select min(valid_from) from (
                select min(valid_from) as valid_from from proforma_version where change_set_id = :undone
                union all select min(valid_from) from proforma_line_version where change_set_id = :undone) x
            """;

    /**
     * One item per proforma the change set wrote: the change set's first and last version of it
     * (grouped from the change set's own versions), the version just before (read back from the
     * first, one index probe), the changed fields (the two versions compared column by column), and
     * whether anyone else wrote it since the change set began (a conflict: found among the writes
     * since then, by the time index). So the cost follows the change set and what came after it,
     * never the length of history.
     */
    private static final String UNDO_ITEMS = """
            insert into recovery_item (change_set_id, proforma_id, number, action, source_version_id, fields, offered,
                                       conflict, since, undone_change_set_id, resolution)
            with cs_headers as materialized (
                     select proforma_id, min(version_id) as first_v, max(version_id) as last_v
                       from proforma_version where change_set_id = :undone group by proforma_id),
                 cs_lines as materialized (
                     select distinct proforma_id from proforma_line_version where change_set_id = :undone),
                 touched as (
                     select coalesce(h.proforma_id, l.proforma_id) as proforma_id, h.first_v, h.last_v,
                            l.proforma_id is not null as lines_touched
                       from cs_headers h full join cs_lines l on l.proforma_id = h.proforma_id),
                 written_since as materialized (
                     select proforma_id from proforma_version
                      where valid_from >= :since and change_set_id is distinct from :undone
                     union
                     select proforma_id from proforma_line_version
                      where valid_from >= :since and change_set_id is distinct from :undone),
                 item as (
                     select t.proforma_id, coalesce(a.number, cur.number) as number,
                            case when t.first_v is not null and (b.operation is null or b.operation = 'D') then 'DELETE'
                                 else 'RESTORE' end as action,
                            case when t.first_v is null then cur.version_id else b.version_id end as source_version_id,
                            case when t.first_v is null then array['lines']
                                 when a.operation = 'D' then null
                                 else %1$s
                                      || case when t.lines_touched then array['lines'] else array[]::text[] end
                            end as fields,
                            w.proforma_id is not null as conflict
                       from touched t
                       left join written_since w on w.proforma_id = t.proforma_id
                       left join proforma_version a on a.version_id = t.last_v
                       left join lateral (select * from proforma_version b
                                           where b.proforma_id = t.proforma_id and b.version_id < t.first_v
                                           order by b.version_id desc limit 1) b on true
                       left join lateral (select * from proforma_version c
                                           where t.last_v is null and c.proforma_id = t.proforma_id
                                           order by c.version_id desc limit 1) cur on true)
            select :cs, proforma_id, number, action, source_version_id, fields, fields, conflict,
                   cast(:since as timestamptz) - interval '1 microsecond', :undone,
                   case when conflict then 'SKIP' else 'RESTORE' end
              from item
            """.formatted(HEADER_FIELDS.stream()
            .map(f -> "case when b.%1$s is distinct from a.%1$s then '%1$s' end".formatted(f))
            .collect(Collectors.joining(", ", "array_remove(array[", "]::text[], null)")));

    /**
     * Only proformas written since T can differ from their state at T, so only they are looked at:
     * their version at T (read back from the latest, so the cost follows what changed since T and
     * not the length of history), whether they matched the filter then or match it now, and how
     * many transactions wrote them since (more than one is a conflict).
     */
    private static final String POINT_IN_TIME_ITEMS = """
            insert into recovery_item (change_set_id, proforma_id, number, action, source_version_id, fields, offered,
                                       conflict, since, resolution)
            with changed as materialized (
                     select proforma_id, count(distinct txid) as txs from (
                         select proforma_id, txid from proforma_version where valid_from > cast(:at as timestamptz)
                         union all
                         select proforma_id, txid from proforma_line_version where valid_from > cast(:at as timestamptz)) x
                      group by proforma_id),
                 at_t as materialized (
                     select v.* from changed c
                      cross join lateral (select * from proforma_version v
                                           where v.proforma_id = c.proforma_id and v.valid_from <= cast(:at as timestamptz)
                                           order by v.version_id desc limit 1) v),
                 now_matching as (
                     select p.id, p.number from (select * from proforma where id in (select proforma_id from changed)) p %1$s),
                 existed as (
                     select a.* from at_t a
                      where a.operation <> 'D'
                        and a.proforma_id in (select p.proforma_id from at_t p %1$s union select id from now_matching))
            select :cs, e.proforma_id, e.number, 'RESTORE', e.version_id, null::text[], null::text[], c.txs > 1,
                   cast(:at as timestamptz), case when c.txs > 1 then 'SKIP' else 'RESTORE' end
              from existed e join changed c on c.proforma_id = e.proforma_id
            union all
            select :cs, n.id, n.number, 'CANCEL', null, null, null, false, cast(:at as timestamptz), 'RESTORE'
              from now_matching n
             where :cancel and not exists (select 1 from at_t a where a.proforma_id = n.id and a.operation <> 'D')
            """;

    /**
     * Back to the last recorded state of proformas the integrity check found changed without a
     * trace: the latest history image of each (a proforma that exists without history, or after a
     * recorded delete, is deleted again; one recorded as present is re-created). Nobody wrote them
     * through history since, so none is a conflict.
     */
    private static final String LAST_RECORDED_ITEMS = """
            insert into recovery_item (change_set_id, proforma_id, number, action, source_version_id, fields, offered,
                                       conflict, since, resolution)
            select :cs, f.id, coalesce(p.number, v.number),
                   case when v.version_id is null or v.operation = 'D' then 'DELETE' else 'RESTORE' end,
                   case when v.operation <> 'D' then v.version_id end, null::text[], null::text[], false, now(), 'RESTORE'
              from unnest(cast(:ids as bigint[])) f(id)
              left join proforma p on p.id = f.id
              left join lateral (select * from proforma_version v where v.proforma_id = f.id
                                  order by v.version_id desc limit 1) v on true
             where p.id is not null or v.operation <> 'D'
            """;

    private static final String RESTORED_LINES_OF = """
            select proforma_id, number from recovery_item
             where change_set_id = :cs and resolution <> 'SKIP' and action = 'RESTORE'
               and (fields is null or 'lines' = any(fields))
            """;

    /**
     * Stages the lines that differ between {@code wanted} (the state to restore: present or not,
     * and the values) and {@code l} (the lines now), each as the insert, update or delete it
     * takes, with the line now beside the line to be, and the proforma's number (each row is also a
     * line of the change set's preview).
     */
    private static final String STAGE_LINE_DIFF = """
            insert into change_set_restore_line (change_set_id, proforma_id, position, kind, description, quantity,
                                                 unit_price, tax_rate, before_description, before_quantity,
                                                 before_unit_price, before_tax_rate, number)
            %1$s
            select :cs, coalesce(w.proforma_id, l.proforma_id), coalesce(w.position, l.position),
                   case when not coalesce(w.present, false) then 'D' when l.proforma_id is null then 'I' else 'U' end,
                   case when w.present then w.description end, case when w.present then w.quantity end,
                   case when w.present then w.unit_price end, case when w.present then w.tax_rate end,
                   l.description, l.quantity, l.unit_price, l.tax_rate, %4$s
              from wanted w %2$s join %3$s l on l.proforma_id = w.proforma_id and l.position = w.position
             where case when coalesce(w.present, false)
                        then l.proforma_id is null
                             or (l.description, l.quantity, l.unit_price, l.tax_rate)
                                is distinct from (w.description, w.quantity, w.unit_price, w.tax_rate)
                        else l.proforma_id is not null end
            """;

    /** An undo puts back each line the change set wrote as it was just before. */
    private static final String STAGE_UNDONE_LINES = STAGE_LINE_DIFF.formatted("""
            with items as (%s),
                 wanted as (
                     select f.proforma_id, f.position, i.number, coalesce(b.operation <> 'D', false) as present,
                            b.description, b.quantity, b.unit_price, b.tax_rate
                       from (select proforma_id, position, min(version_id) as first_v from proforma_line_version
                              where change_set_id = :undone group by proforma_id, position) f
                       join items i on i.proforma_id = f.proforma_id
                       left join lateral (select * from proforma_line_version b
                                           where b.proforma_id = f.proforma_id and b.position = f.position
                                             and b.version_id < f.first_v order by b.version_id desc limit 1) b on true)"""
            .formatted(RESTORED_LINES_OF), "left", "proforma_line", "w.number");

    /**
     * A point-in-time restore puts back every line of the proforma as it was at T. Only lines
     * written since T can differ from their state at T, so only they are looked at (found by the
     * time index); each one's state at T is its version just before the first one written after T
     * (one index probe), or none when it was created since. The cost follows what changed since T,
     * not the length of history.
     */
    private static final String STAGE_LINES_AT = STAGE_LINE_DIFF.formatted("""
            with items as (%s),
                 written_since as materialized (
                     select lv.proforma_id, lv.position, min(lv.version_id) as first_after
                       from proforma_line_version lv join items i on i.proforma_id = lv.proforma_id
                      where lv.valid_from > cast(:at as timestamptz)
                      group by lv.proforma_id, lv.position),
                 wanted as materialized (
                     select s.proforma_id, s.position, i.number, lv.operation <> 'D' as present, lv.description,
                            lv.quantity, lv.unit_price, lv.tax_rate
                       from written_since s join items i on i.proforma_id = s.proforma_id
                      cross join lateral (select * from proforma_line_version lv
                                           where lv.proforma_id = s.proforma_id and lv.position = s.position
                                             and lv.version_id < s.first_after
                                           order by lv.version_id desc limit 1) lv),
                 current_lines as (
                     select l.*, i.number from written_since s
                       join proforma_line l on l.proforma_id = s.proforma_id and l.position = s.position
                       join items i on i.proforma_id = s.proforma_id)"""
            .formatted(RESTORED_LINES_OF), "full", "current_lines", "coalesce(w.number, l.number)");

    /** Every line of the proforma as its latest line version recorded it; a line with none is deleted. */
    private static final String STAGE_LINES_LAST_RECORDED = STAGE_LINE_DIFF.formatted("""
            with items as (%s),
                 wanted as materialized (
                     select lv.proforma_id, lv.position, i.number, lv.operation <> 'D' as present, lv.description,
                            lv.quantity, lv.unit_price, lv.tax_rate
                       from items i
                      cross join lateral (select distinct on (x.position) x.* from proforma_line_version x
                                           where x.proforma_id = i.proforma_id
                                           order by x.position, x.version_id desc) lv),
                 current_lines as (
                     select l.*, i.number from proforma_line l join items i on i.proforma_id = l.proforma_id)"""
            .formatted(RESTORED_LINES_OF), "full", "current_lines", "coalesce(w.number, l.number)");

    /**
     * Stages the header of every proforma the restore deletes, re-creates or puts header fields back
     * on; a field not chosen keeps its current value. Proformas whose lines alone come back need no
     * header (the approval feature moves their version on), and only items that may change a header
     * field are looked at: an undo of a line edit reads no header at all (unless the proforma is a
     * conflict: it may have been deleted since and come back whole).
     */
    private static final String STAGE_HEADERS = """
            insert into change_set_restore (change_set_id, proforma_id, number, deleted, previewed_version,
                                            %1$s, version, created_at, created_by)
            with wanted as (
                     select i.proforma_id, i.number, i.action = 'DELETE' as deleted, p.id is not null as present,
                            coalesce(p.version, %2$d) as previewed_version, %3$s, %4$s,
                            coalesce(v.version, p.version) as version, coalesce(p.created_at, v.created_at) as created_at,
                            coalesce(p.created_by, v.created_by) as created_by
                       from recovery_item i
                       left join proforma p on p.id = i.proforma_id
                       left join lateral (select * from proforma_version v
                                           where v.version_id = i.source_version_id
                                             and (p.id is null or i.fields is null or i.fields && %5$s)) v on true
                      where i.change_set_id = :cs and i.resolution <> 'SKIP'
                        and (i.action <> 'RESTORE' or i.conflict or i.fields is null or i.fields && %5$s)
                        and not (i.action in ('DELETE', 'CANCEL') and p.id is null)),
                 compared as (
                     select w.*, not w.deleted and (not w.present or (%6$s) is distinct from (%7$s)) as changes
                       from wanted w)
            select :cs, c.proforma_id, c.number, c.deleted, c.previewed_version, %8$s, c.version,
                   c.created_at, c.created_by
              from compared c
             where c.deleted or c.changes
            """.formatted(String.join(", ", HEADER_FIELDS), RestoreRequest.ABSENT,
            HEADER_FIELDS.stream().map(f -> """
                    case when i.action = 'DELETE' then null
                         when i.action = 'CANCEL' then %2$s
                         when p.id is null or i.fields is null or '%1$s' = any(i.fields) then v.%1$s
                         else p.%1$s end as %1$s""".formatted(f, f.equals("status") ? "'CANCELLED'" : "p." + f))
                    .collect(Collectors.joining(", ")),
            HEADER_FIELDS.stream().map(f -> "p.%1$s as now_%1$s".formatted(f)).collect(Collectors.joining(", ")),
            FIELD_ARRAY,
            HEADER_FIELDS.stream().map(f -> "w." + f).collect(Collectors.joining(", ")),
            HEADER_FIELDS.stream().map(f -> "w.now_" + f).collect(Collectors.joining(", ")),
            HEADER_FIELDS.stream().map(f -> "c." + f).collect(Collectors.joining(", ")));

    private final JdbcClient jdbc;

    RecoveryPlans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int undo(long changeSetId, long undone, Map<Long, ConflictChoice> choices) {
        Timestamp since = jdbc.sql(UNDO_SINCE).param("undone", undone).query(Timestamp.class).list().get(0);
        if (since == null) {
            return 0;
        }
        freshStatistics("from proforma_version where change_set_id = :undone", Map.of("undone", undone));
        int items = jdbc.sql(UNDO_ITEMS).param("cs", changeSetId).param("undone", undone).param("since", since).update();
        planned(items);
        resolve(changeSetId, choices);
        jdbc.sql(STAGE_UNDONE_LINES).param("cs", changeSetId).param("undone", undone).update();
        jdbc.sql(STAGE_HEADERS).param("cs", changeSetId).update();
        return items;
    }

    int pointInTime(long changeSetId, PointInTimeRestore restore, Map<Long, ConflictChoice> choices) {
        SqlCondition condition = restore.filter().toSql();
        Timestamp at = Timestamp.from(restore.at());
        freshStatistics("from proforma_version where valid_from > :at", Map.of("at", at));
        int items = jdbc.sql(POINT_IN_TIME_ITEMS.formatted(condition.where())).params(condition.params())
                .param("cs", changeSetId).param("at", at).param("cancel", restore.cancelCreatedAfter()).update();
        planned(items);
        resolve(changeSetId, choices);
        jdbc.sql(STAGE_LINES_AT).param("cs", changeSetId).param("at", at).update();
        jdbc.sql(STAGE_HEADERS).param("cs", changeSetId).update();
        return items;
    }

    int lastRecorded(long changeSetId, List<Long> proformaIds) {
        int items = jdbc.sql(LAST_RECORDED_ITEMS).param("cs", changeSetId)
                .param("ids", proformaIds.toArray(Long[]::new)).update();
        planned(items);
        jdbc.sql(STAGE_LINES_LAST_RECORDED).param("cs", changeSetId).update();
        jdbc.sql(STAGE_HEADERS).param("cs", changeSetId).update();
        return items;
    }

    /**
     * A recovery usually follows a large write at once, before autovacuum has analyzed the versions
     * it appended; planned with those statistics, a plan over 100,000 new versions expects a handful
     * and runs for minutes. So when the plan reads many versions and the planner expects fewer than
     * half of them, history is analyzed first (a sample, well under a second). The application role
     * may do so with PostgreSQL 17's MAINTAIN privilege (db/roles/app-role.sql); without it
     * PostgreSQL skips with a warning, nothing fails. Such a plan also groups hundreds of thousands
     * of versions: it gets the memory to do so without spilling to disk, for this transaction only.
     */
    private void freshStatistics(String versions, Map<String, ?> params) {
        long read = jdbc.sql("select count(*) " + versions).params(params).query(Long.class).single();
        if (read < FRESH_STATISTICS_FROM) {
            return;
        }
        jdbc.sql("select set_config('work_mem', '32MB', true)").query().singleRow();
        String plan = String.join("\n", jdbc.sql("explain (format json) select 1 " + versions).params(params)
                .query(String.class).list());
        Matcher expected = PLAN_ROWS.matcher(plan);
        if (!expected.find() || Double.parseDouble(expected.group(1)) < read / 2.0) {
            jdbc.sql("analyze proforma_version, proforma_line_version").update();
        }
    }

    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.]+)");

    static final int FRESH_STATISTICS_FROM = 1_000;

    /**
     * The staging statements join the items just planned with history and the live lines; planned
     * for the handful of items the statistics last saw, they probe row by row (and took up to three
     * times as long over 100,000 items). So many items are analyzed first: a sample, about 0.1 s.
     */
    private void planned(int items) {
        if (items >= FRESH_STATISTICS_FROM) {
            jdbc.sql("analyze recovery_item").update();
        }
    }

    /** Conflicts were skipped as planned unless the requester chose otherwise; choices may narrow any proforma's fields. */
    private void resolve(long changeSetId, Map<Long, ConflictChoice> choices) {
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

    int conflictCount(long changeSetId) {
        return jdbc.sql("select count(*) from recovery_item where change_set_id = :cs and conflict")
                .param("cs", changeSetId).query(Integer.class).single();
    }

    /** One page of conflicts, by proforma id, each with what was written to it since. */
    List<RecoveryConflict> conflicts(long changeSetId, int offset, int limit) {
        return jdbc.sql("""
                select proforma_id, number, resolution, fields, offered, since, undone_change_set_id from recovery_item
                 where change_set_id = :cs and conflict order by proforma_id offset :offset limit :limit
                """).param("cs", changeSetId).param("offset", offset).param("limit", limit)
                .query((rs, n) -> {
                    long proformaId = rs.getLong("proforma_id");
                    List<String> offered = fieldsOrAll(rs.getArray("offered"));
                    return new RecoveryConflict(proformaId, rs.getString("number"),
                            ConflictChoice.Resolution.valueOf(rs.getString("resolution")),
                            fieldsOrAll(rs.getArray("fields")), offered,
                            laterChanges(proformaId, rs.getTimestamp("since").toInstant(),
                                    (Long) rs.getObject("undone_change_set_id")));
                })
                .list();
    }

    private static List<String> fieldsOrAll(java.sql.Array fields) throws java.sql.SQLException {
        if (fields == null) {
            return Stream.concat(HEADER_FIELDS.stream(), Stream.of(LINES)).toList();
        }
        return List.of((String[]) fields.getArray());
    }

    private static final String LATER_CHANGES = """
            select 'v' || v.version_id as grp, v.valid_from, v.actor, v.change_set_id, v.operation,
                   f.field, f.before, f.after
              from proforma_version v
              left join lateral (select * from proforma_version x
                                  where x.proforma_id = v.proforma_id and x.version_id < v.version_id
                                  order by x.version_id desc limit 1) prev on true
              left join lateral (values %s) f(field, before, after)
                     on v.operation <> 'D' and f.before is distinct from f.after
             where v.proforma_id = :p and v.valid_from > cast(:since as timestamptz)
               and coalesce(v.change_set_id, -1) <> coalesce(cast(:undone as bigint), -2)
            union all
            select 't' || lv.txid, lv.valid_from, lv.actor, lv.change_set_id, 'U', 'line ' || (lv.position + 1),
                   %2$s, case when lv.operation <> 'D' then %3$s end
              from proforma_line_version lv
              left join lateral (select * from proforma_line_version x
                                  where x.proforma_id = lv.proforma_id and x.position = lv.position
                                    and x.version_id < lv.version_id
                                  order by x.version_id desc limit 1) pl on true
             where lv.proforma_id = :p and lv.valid_from > cast(:since as timestamptz)
               and coalesce(lv.change_set_id, -1) <> coalesce(cast(:undone as bigint), -2)
             order by 2, 1, 6
            """.formatted(HEADER_FIELDS.stream().map(f -> "('%1$s', prev.%1$s::text, v.%1$s::text)".formatted(f))
            .collect(Collectors.joining(", ")), lineText("pl"), lineText("lv"));

    private static String lineText(String alias) {
        return "case when %1$s.operation <> 'D' then %1$s.description || ': ' || %1$s.quantity || ' × ' || %1$s.unit_price || ' @ ' || %1$s.tax_rate || '%%' end"
                .formatted(alias);
    }

    /**
     * Everything written to the proforma after {@code since}, except by the change set being undone:
     * one entry per header version and one per transaction that wrote lines, with before and after.
     */
    List<LaterChange> laterChanges(long proformaId, Instant since, Long undone) {
        Map<String, LaterChange> changes = new java.util.LinkedHashMap<>();
        jdbc.sql(LATER_CHANGES).param("p", proformaId).param("since", Timestamp.from(since))
                .param("undone", undone, java.sql.Types.BIGINT)
                .query(rs -> {
                    LaterChange change = changes.computeIfAbsent(rs.getString("grp"), k -> {
                        try {
                            return new LaterChange(rs.getTimestamp("valid_from").toInstant(), rs.getString("actor"),
                                    (Long) rs.getObject("change_set_id"), rs.getString("operation"),
                                    new java.util.ArrayList<>(), new java.util.ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    String field = rs.getString("field");
                    if (field != null) {
                        change.fields().add(field);
                        change.changes().add(new LaterChange.FieldChange(field, rs.getString("before"),
                                rs.getString("after")));
                    }
                });
        return changes.values().stream().map(c -> new LaterChange(c.at(), c.actor(), c.changeSetId(), c.operation(),
                List.copyOf(c.fields()), List.copyOf(c.changes()))).toList();
    }
}
