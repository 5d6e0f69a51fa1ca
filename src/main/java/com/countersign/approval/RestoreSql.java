package com.countersign.approval;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A RESTORE change set as SQL. The recovery feature stages only what the restore changes: a header
 * row per proforma it deletes, re-creates or puts header fields back on ({@code change_set_restore},
 * with the version previewed) and a row per line it inserts, updates or deletes
 * ({@code change_set_restore_line}, the line now beside the line to be). Targets, preview, risk figures and the writes are read from those rows, set-based, so the
 * guard's exact count is the number of proformas really restored.
 */
final class RestoreSql {

    /** previewed_version of a target that did not exist at preview time and is re-created. */
    static final int ABSENT = RestoreRequest.ABSENT;

    static final List<String> FIELDS = RestoreRequest.HEADER_FIELDS;

    private static final String STAGED = FIELDS.stream().map(f -> "r." + f).collect(Collectors.joining(", "));
    private static final String LINE = "description, quantity, unit_price, tax_rate";

    /**
     * Every proforma with a staged header or staged lines, at the version it was previewed at: the
     * staged header has it (or {@link #ABSENT}); a proforma whose lines alone come back exists now.
     */
    static final String PIN_TARGETS = """
            insert into change_set_target (change_set_id, proforma_id, previewed_version)
            select :cs, x.proforma_id, coalesce(r.previewed_version, p.version)
              from (select proforma_id from change_set_restore where change_set_id = :cs
                    union
                    select proforma_id from change_set_restore_line where change_set_id = :cs) x
              left join change_set_restore r on r.change_set_id = :cs and r.proforma_id = x.proforma_id
              left join proforma p on p.id = x.proforma_id
            """;

    static final String PREVIEW_FIELDS = """
            insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
            select r.change_set_id, p.id, p.number, -1, f.field, f.before, f.after
              from change_set_restore r
              join proforma p on p.id = r.proforma_id
             cross join lateral (values %s) f(field, before, after)
             where r.change_set_id = :cs and not r.deleted and f.before is distinct from f.after
            """.formatted(FIELDS.stream().map(f -> "('%1$s', p.%1$s::text, r.%1$s::text)".formatted(f))
            .collect(Collectors.joining(", ")));

    static final String PREVIEW_WHOLE_PROFORMAS = """
            insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
            select r.change_set_id, r.proforma_id, r.number, -1, 'proforma',
                   case when r.deleted then p.status || ', ' || p.customer_name else 'deleted' end,
                   case when r.deleted then 'deleted' else 're-created: ' || r.status || ', ' || r.customer_name end
              from change_set_restore r
              left join proforma p on p.id = r.proforma_id
             where r.change_set_id = :cs and (r.deleted or r.previewed_version = %d)
            """.formatted(ABSENT);

    /**
     * The preview's line rows of a restore: its staged lines themselves, rendered when read (see
     * {@link ChangeSets#preview}), rather than a second copy of 100,000 rows written at preview time.
     */
    static final String PREVIEW_LINE_ROWS = """
            select d.change_set_id, d.proforma_id, d.number, d.position, 'line' as field,
                   case when d.kind <> 'I' then %s end as before_value,
                   case when d.kind <> 'D' then %s end as after_value
              from change_set_restore_line d
             where d.number is not null
            """.formatted(lineText("d.before_"), lineText("d."));

    private static String lineText(String prefix) {
        return "%1$sdescription || ': ' || %1$squantity || ' × ' || %1$sunit_price || ' @ ' || %1$stax_rate || '%%'"
                .formatted(prefix);
    }

    static final String DELETES = """
            select exists (select 1 from change_set_restore r where r.change_set_id = :cs and r.deleted)
            """;

    /**
     * Per currency (the restored one, else the current one): the largest change of one proforma's gross
     * total, and the total value at stake (per proforma the
     * larger of its gross now and restored), so the risk policy sees what a restore really moves. A
     * proforma's gross changes by what its staged lines change; a deleted one loses all of it. One
     * grouping over three inputs, so that no plan joins two aggregates (the staged rows are new to
     * the statistics, which would take each for a handful of rows).
     */
    static final String GROSS = """
            select coalesce(r.currency, p.currency), max(abs(after - before)), sum(greatest(before, after)) from (
                select proforma_id, sum(before) as before,
                       case when bool_or(deleted) then 0 else sum(before) + sum(change) end as after
                  from (select l.proforma_id, %1$s as before, 0 as change, false as deleted
                          from change_set_target t join proforma_line l on l.proforma_id = t.proforma_id
                         where t.change_set_id = :cs
                        union all
                        select d.proforma_id, 0, case when d.kind <> 'D' then %2$s else 0 end
                                                 - case when d.kind <> 'I' then %3$s else 0 end, false
                          from change_set_restore_line d where d.change_set_id = :cs
                        union all
                        select r.proforma_id, 0, 0, r.deleted from change_set_restore r where r.change_set_id = :cs) parts
                 group by proforma_id) per_proforma
              left join change_set_restore r on r.change_set_id = :cs and r.proforma_id = per_proforma.proforma_id
              left join proforma p on p.id = per_proforma.proforma_id
             where coalesce(r.currency, p.currency) is not null
             group by coalesce(r.currency, p.currency)
            """.formatted(gross("l."), gross("d."), gross("d.before_"));

    private static String gross(String prefix) {
        return "%1$squantity * %1$sunit_price * (100 + %1$stax_rate) / 100".formatted(prefix);
    }

    /**
     * Deletions first, then the headers that come back, the version of every other target (it moves
     * on, as any edit's does; a header just written is past its previewed version already),
     * re-creations, and the lines by kind. An inserted line that exists after all fails the apply
     * rather than being skipped: the restore is written whole or not at all.
     */
    static final List<String> APPLY = List.of("""
            delete from proforma p using change_set_restore r
             where r.change_set_id = :cs and r.deleted and p.id = r.proforma_id and p.version = r.previewed_version
            """, """
            update proforma p set %s, version = p.version + 1, updated_at = now(), updated_by = :actor
              from change_set_restore r
             where r.change_set_id = :cs and not r.deleted and p.id = r.proforma_id and p.version = r.previewed_version
            """.formatted(FIELDS.stream().map(f -> f + " = r." + f).collect(Collectors.joining(", "))), """
            update proforma p set version = p.version + 1, updated_at = now(), updated_by = :actor
              from change_set_target t
             where t.change_set_id = :cs and p.id = t.proforma_id and p.version = t.previewed_version
            """, """
            insert into proforma (id, number, %s, version, created_at, created_by, updated_at, updated_by)
            select r.proforma_id, r.number, %s, coalesce(r.version, 0) + 1, r.created_at, r.created_by, now(), :actor
              from change_set_restore r
             where r.change_set_id = :cs and not r.deleted and r.previewed_version = %d
            """.formatted(String.join(", ", FIELDS), STAGED, ABSENT), """
            delete from proforma_line l using change_set_restore_line d
             where d.change_set_id = :cs and d.kind = 'D' and l.proforma_id = d.proforma_id and l.position = d.position
            """, """
            update proforma_line l
               set description = d.description, quantity = d.quantity, unit_price = d.unit_price, tax_rate = d.tax_rate
              from change_set_restore_line d
             where d.change_set_id = :cs and d.kind = 'U' and l.proforma_id = d.proforma_id and l.position = d.position
            """, """
            insert into proforma_line (proforma_id, position, %1$s)
            select d.proforma_id, d.position, %1$s from change_set_restore_line d where d.change_set_id = :cs and d.kind = 'I'
            """.formatted(LINE));

    private RestoreSql() {}
}
