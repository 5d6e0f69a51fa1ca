package com.countersign.approval;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A RESTORE change set as SQL: its staged state ({@code change_set_restore}, {@code
 * change_set_restore_line}, filled by the recovery feature from history) becomes targets, preview
 * and writes, all set-based. Only proformas whose staged state differs from the current one become
 * targets, so the guard's exact count is the number of proformas really restored.
 */
final class RestoreSql {

    /** previewed_version of a target that did not exist at preview time and is re-created. */
    static final int ABSENT = -1;

    static final List<String> FIELDS = List.of("customer_name", "customer_address", "customer_vat_id", "issue_date",
            "valid_until", "currency", "status", "notes", "source");

    private static final String CURRENT = FIELDS.stream().map(f -> "p." + f).collect(Collectors.joining(", "));
    private static final String STAGED = FIELDS.stream().map(f -> "r." + f).collect(Collectors.joining(", "));
    private static final String LINE = "description, quantity, unit_price, tax_rate";

    static final String PIN_TARGETS = """
            insert into change_set_target (change_set_id, proforma_id, previewed_version)
            select r.change_set_id, r.proforma_id, coalesce(p.version, %1$d)
              from change_set_restore r left join proforma p on p.id = r.proforma_id
             where r.change_set_id = :cs
               and case when p.id is null then not r.deleted
                        when r.deleted then true
                        else (%2$s) is distinct from (%3$s)
                             or exists (select 1 from change_set_restore_line d
                                          left join proforma_line l on l.proforma_id = d.proforma_id and l.position = d.position
                                         where d.change_set_id = r.change_set_id and d.proforma_id = r.proforma_id
                                           and case when d.present
                                                    then l.proforma_id is null
                                                         or (l.description, l.quantity, l.unit_price, l.tax_rate)
                                                            is distinct from (d.description, d.quantity, d.unit_price, d.tax_rate)
                                                    else l.proforma_id is not null end) end
            """.formatted(ABSENT, CURRENT, STAGED);

    static final String PREVIEW_FIELDS = """
            insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
            select t.change_set_id, p.id, p.number, -1, f.field, f.before, f.after
              from change_set_target t
              join change_set_restore r on r.change_set_id = t.change_set_id and r.proforma_id = t.proforma_id
              join proforma p on p.id = t.proforma_id
             cross join lateral (values %s) f(field, before, after)
             where t.change_set_id = :cs and not r.deleted and f.before is distinct from f.after
            """.formatted(FIELDS.stream().map(f -> "('%1$s', p.%1$s::text, r.%1$s::text)".formatted(f))
            .collect(Collectors.joining(", ")));

    static final String PREVIEW_WHOLE_PROFORMAS = """
            insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
            select t.change_set_id, t.proforma_id, r.number, -1, 'proforma',
                   case when r.deleted then p.status || ', ' || p.customer_name else 'deleted' end,
                   case when r.deleted then 'deleted' else 're-created: ' || r.status || ', ' || r.customer_name end
              from change_set_target t
              join change_set_restore r on r.change_set_id = t.change_set_id and r.proforma_id = t.proforma_id
              left join proforma p on p.id = t.proforma_id
             where t.change_set_id = :cs and (r.deleted or p.id is null)
            """;

    static final String PREVIEW_LINES = """
            insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
            select t.change_set_id, t.proforma_id, r.number, d.position, 'line',
                   l.description || ': ' || l.quantity || ' × ' || l.unit_price || ' @ ' || l.tax_rate || '%',
                   case when d.present
                        then d.description || ': ' || d.quantity || ' × ' || d.unit_price || ' @ ' || d.tax_rate || '%' end
              from change_set_target t
              join change_set_restore r on r.change_set_id = t.change_set_id and r.proforma_id = t.proforma_id
              join change_set_restore_line d on d.change_set_id = t.change_set_id and d.proforma_id = t.proforma_id
              left join proforma_line l on l.proforma_id = d.proforma_id and l.position = d.position
             where t.change_set_id = :cs and not r.deleted
               and case when d.present
                        then l.proforma_id is null
                             or (l.description, l.quantity, l.unit_price, l.tax_rate)
                                is distinct from (d.description, d.quantity, d.unit_price, d.tax_rate)
                        else l.proforma_id is not null end
            """;

    static final String DELETES = """
            select exists (select 1 from change_set_target t
                             join change_set_restore r on r.change_set_id = t.change_set_id and r.proforma_id = t.proforma_id
                            where t.change_set_id = :cs and r.deleted)
            """;

    /**
     * The largest change of one proforma's gross total, and the total value at stake (per proforma the
     * larger of its gross now and restored), so the risk policy sees what a restore really moves.
     */
    static final String GROSS = """
            select coalesce(max(abs(after - before)), 0), coalesce(sum(greatest(before, after)), 0) from (
                select proforma_id, sum(before) as before, sum(after) as after from (
                    select t.proforma_id, %1$s as before,
                           case when r.deleted or d.proforma_id is not null then 0 else %1$s end as after
                      from change_set_target t
                      join change_set_restore r on r.change_set_id = t.change_set_id and r.proforma_id = t.proforma_id
                      join proforma_line l on l.proforma_id = t.proforma_id
                      left join change_set_restore_line d
                             on d.change_set_id = t.change_set_id and d.proforma_id = l.proforma_id and d.position = l.position
                     where t.change_set_id = :cs
                    union all
                    select t.proforma_id, 0, %2$s
                      from change_set_target t
                      join change_set_restore r on r.change_set_id = t.change_set_id and r.proforma_id = t.proforma_id
                      join change_set_restore_line d on d.change_set_id = t.change_set_id and d.proforma_id = t.proforma_id
                     where t.change_set_id = :cs and not r.deleted and d.present) lines
                 group by proforma_id) per_proforma
            """.formatted(gross("l"), gross("d"));

    private static String gross(String line) {
        return "%1$s.quantity * %1$s.unit_price * (100 + %1$s.tax_rate) / 100".formatted(line);
    }


    private static final String TARGET_JOIN = """
            change_set_restore r join change_set_target t
                 on t.change_set_id = r.change_set_id and t.proforma_id = r.proforma_id
            """;

    /** Deletions first, then headers, re-creations, and the lines position by position. */
    static final List<String> APPLY = List.of("""
            delete from proforma p using %s
             where r.change_set_id = :cs and r.deleted and p.id = r.proforma_id and p.version = t.previewed_version
            """.formatted(TARGET_JOIN), """
            update proforma p set %s, version = p.version + 1, updated_at = now(), updated_by = :actor
              from %s
             where r.change_set_id = :cs and not r.deleted and p.id = r.proforma_id and p.version = t.previewed_version
            """.formatted(FIELDS.stream().map(f -> f + " = r." + f).collect(Collectors.joining(", ")), TARGET_JOIN), """
            insert into proforma (id, number, %s, version, created_at, created_by, updated_at, updated_by)
            select r.proforma_id, r.number, %s, coalesce(r.version, 0) + 1, r.created_at, r.created_by, now(), :actor
              from %s
             where r.change_set_id = :cs and not r.deleted and t.previewed_version = %d
            """.formatted(String.join(", ", FIELDS), STAGED, TARGET_JOIN, ABSENT), """
            delete from proforma_line l using change_set_restore_line d, change_set_target t
             where d.change_set_id = :cs and t.change_set_id = :cs and t.proforma_id = d.proforma_id
               and not d.present and l.proforma_id = d.proforma_id and l.position = d.position
            """, """
            update proforma_line l
               set description = d.description, quantity = d.quantity, unit_price = d.unit_price, tax_rate = d.tax_rate
              from change_set_restore_line d, change_set_target t
             where d.change_set_id = :cs and t.change_set_id = :cs and t.proforma_id = d.proforma_id and d.present
               and l.proforma_id = d.proforma_id and l.position = d.position
               and (l.description, l.quantity, l.unit_price, l.tax_rate)
                   is distinct from (d.description, d.quantity, d.unit_price, d.tax_rate)
            """, """
            insert into proforma_line (proforma_id, position, %1$s)
            select d.proforma_id, d.position, d.description, d.quantity, d.unit_price, d.tax_rate
              from change_set_restore_line d
              join change_set_target t on t.change_set_id = d.change_set_id and t.proforma_id = d.proforma_id
              join proforma p on p.id = d.proforma_id
             where d.change_set_id = :cs and d.present
               and not exists (select 1 from proforma_line l where l.proforma_id = d.proforma_id and l.position = d.position)
            """.formatted(LINE));

    private RestoreSql() {}
}
