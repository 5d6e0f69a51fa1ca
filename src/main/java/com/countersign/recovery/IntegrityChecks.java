package com.countersign.recovery;

import com.countersign.recovery.IntegrityReport.Difference;
import com.countersign.recovery.IntegrityReport.Kind;
import com.countersign.recovery.IntegrityReport.StructureChange;
import com.countersign.recovery.IntegrityReport.UntracedChange;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and runs the database's integrity check (changeset 026): the check itself runs as the owner
 * in {@code countersign_integrity_check}, set-based in one snapshot; this class asks for one and
 * reads what it recorded, what history last recorded of a proforma beside its live state, and the
 * DDL audit where a superuser installed it (db/roles/ddl-audit.sql).
 */
@Component
class IntegrityChecks {

    static final int FIRST_PAGE = 500;

    private final JdbcClient jdbc;

    IntegrityChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs a check and returns its id. */
    long run(String cause, String by) {
        return jdbc.sql("select public.countersign_integrity_check(cast(:cause as text), cast(:by as text))")
                .param("cause", cause).param("by", by).query(Long.class).single();
    }

    IntegrityReport latest() {
        return jdbc.sql("""
                select id, started_at, finished_at, cause, started_by, proformas_checked, findings
                  from integrity_check where finished_at is not null order by id desc limit 1
                """).query((rs, n) -> {
                    long id = rs.getLong("id");
                    return new IntegrityReport(id, rs.getTimestamp("started_at").toInstant(),
                            rs.getTimestamp("finished_at").toInstant(), rs.getString("cause"), rs.getString("started_by"),
                            rs.getLong("proformas_checked"), rs.getInt("findings"), findings(id));
                }).optional().orElse(IntegrityReport.NONE);
    }

    private List<UntracedChange> findings(long checkId) {
        return jdbc.sql("""
                select proforma_id, number, kind, header_differs, lines_differ from integrity_finding
                 where check_id = :id order by proforma_id limit :limit
                """).param("id", checkId).param("limit", FIRST_PAGE)
                .query((rs, n) -> new UntracedChange(rs.getLong("proforma_id"), rs.getString("number"),
                        Kind.valueOf(rs.getString("kind")), rs.getBoolean("header_differs"), rs.getBoolean("lines_differ")))
                .list();
    }

    /** Every proforma id of the check's findings (a restore covers them all, not only the first page). */
    List<Long> allFindings(long checkId) {
        return jdbc.sql("select proforma_id from integrity_finding where check_id = :id order by proforma_id")
                .param("id", checkId).query(Long.class).list();
    }

    /**
     * What history last recorded of the proforma beside what it is now: each header field that
     * differs, then each line that differs ("line 3"), absent on one side shown as null.
     */
    List<Difference> differences(long proformaId) {
        List<Difference> differences = new ArrayList<>();
        jdbc.sql("""
                select f.field, f.recorded, f.now
                  from (select 1) one
                  left join lateral (select * from proforma_version v where v.proforma_id = :p
                                      order by v.version_id desc limit 1) r on true
                  left join proforma p on p.id = :p
                 cross join lateral (values %s) f(field, recorded, now)
                 where f.recorded is distinct from f.now
                """.formatted(String.join(", ", headerPairs())))
                .param("p", proformaId)
                .query((rs, n) -> new Difference(rs.getString("field"), rs.getString("recorded"), rs.getString("now")))
                .list().forEach(differences::add);
        jdbc.sql("""
                with recorded as (
                         select * from (select distinct on (x.position) x.* from proforma_line_version x
                                         where x.proforma_id = :p order by x.position, x.version_id desc) x
                          where x.operation <> 'D'),
                     live as (select * from proforma_line where proforma_id = :p)
                select coalesce(r.position, l.position) as position, %s as recorded, %s as now
                  from recorded r full join live l on l.position = r.position
                 where (r.description, r.quantity, r.unit_price, r.tax_rate)
                       is distinct from (l.description, l.quantity, l.unit_price, l.tax_rate)
                 order by 1
                """.formatted(lineText("r"), lineText("l")))
                .param("p", proformaId)
                .query((rs, n) -> new Difference("line " + (rs.getInt("position") + 1), rs.getString("recorded"),
                        rs.getString("now")))
                .list().forEach(differences::add);
        return differences;
    }

    private static List<String> headerPairs() {
        List<String> pairs = new ArrayList<>();
        pairs.add("('exists', case when r.version_id is not null and r.operation <> 'D' then 'yes' else 'no' end, "
                + "case when p.id is not null then 'yes' else 'no' end)");
        for (String field : List.of("number", "customer_name", "customer_address", "customer_vat_id", "issue_date",
                "valid_until", "currency", "status", "notes", "source", "version", "created_at", "created_by",
                "updated_at", "updated_by")) {
            pairs.add("('%1$s', case when r.operation <> 'D' then r.%1$s::text end, p.%1$s::text)".formatted(field));
        }
        return pairs;
    }

    private static String lineText(String alias) {
        return "case when %1$s.position is not null then %1$s.description || ': ' || %1$s.quantity || ' × ' "
                .formatted(alias) + "|| %1$s.unit_price || ' @ ' || %1$s.tax_rate || '%%' end".formatted(alias);
    }

    /**
     * The newest DDL on Countersign's objects, or nothing when the DDL audit is not installed (it
     * needs a superuser: db/roles/ddl-audit.sql); {@link #structureAuditInstalled()} tells which.
     */
    List<StructureChange> structureChanges(int limit) {
        if (!structureAuditInstalled()) {
            return List.of();
        }
        return jdbc.sql("""
                select at, db_user, command_tag, object_type, object_identity, statement
                  from countersign_audit.ddl_audit order by id desc limit :limit
                """).param("limit", limit)
                .query((rs, n) -> new StructureChange(instant(rs.getTimestamp("at")), rs.getString("db_user"),
                        rs.getString("command_tag"), rs.getString("object_type"), rs.getString("object_identity"),
                        rs.getString("statement")))
                .list();
    }

    boolean structureAuditInstalled() {
        return jdbc.sql("select exists (select from pg_event_trigger where evtname = 'countersign_ddl_audit_end')")
                .query(Boolean.class).single();
    }

    private static java.time.Instant instant(Timestamp at) {
        return Objects.requireNonNull(at).toInstant();
    }
}
