package com.countersign.deployment;

import com.countersign.base.db.WriteContext;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a script in a transaction that is always rolled back. The guard must count what the
 * script does, so the transaction carries the token of a throwaway dry-run change set with no
 * practical limit, claimed by that same transaction through the owner's function and rolled back
 * with it (the database refuses to commit it). History rows written
 * under that token give the before/after sample and the count of proformas changed. Each statement
 * runs in the {@link Sandbox}, and the session is wiped after the rollback.
 */
@Component
class DryRun {

    private static final Set<String> META = Set.of("version_id", "operation", "valid_from", "actor", "change_set_id",
            "reason", "txid", "version", "created_at", "created_by", "updated_at", "updated_by", "proforma_id", "position",
            "db_user", "app_actor", "client_addr");
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate raw;
    private final WriteContext writeContext;
    private final Sandbox sandbox;
    private final ObjectMapper json;
    private final TransactionTemplate rolledBack;
    private final double maxShare;
    private final int sampleSize;

    DryRun(JdbcClient jdbc, JdbcTemplate raw, WriteContext writeContext, Sandbox sandbox, ObjectMapper json,
            PlatformTransactionManager transactions,
            @Value("${countersign.deployment.max-share:0.05}") double maxShare,
            @Value("${countersign.deployment.sample-size:10}") int sampleSize) {
        this.jdbc = jdbc;
        this.raw = raw;
        this.writeContext = writeContext;
        this.sandbox = sandbox;
        this.json = json;
        this.rolledBack = new TransactionTemplate(transactions);
        this.rolledBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.maxShare = maxShare;
        this.sampleSize = sampleSize;
    }

    DryRunReport run(List<ScriptStatement> statements, String actor, String reason) {
        return runForTargets(statements, actor, reason).report();
    }

    /** The report, and the proformas the script changed: the targets its deployment is pinned to. */
    Outcome runForTargets(List<ScriptStatement> statements, String actor, String reason) {
        return rolledBack.execute(tx -> {
            tx.setRollbackOnly();
            return inside(statements, actor, reason);
        });
    }

    record Outcome(DryRunReport report, List<Long> proformas) {}

    private Outcome inside(List<ScriptStatement> statements, String actor, String reason) {
        sandbox.wipeSessionAfterTransaction();
        long token = jdbc.sql("select public.countersign_dry_run_claim(:actor, :reason)")
                .param("reason", reason).param("actor", actor).query(Long.class).single();
        writeContext.beginChangeSet(token, actor, reason);
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String table : DeploymentScript.TABLES.stream().sorted().toList()) {
            sizes.put(table, raw.queryForObject("select count(*) from " + table, Long.class));
        }
        List<StatementReport> reports = new ArrayList<>();
        Map<String, Integer> rowsPerTable = new LinkedHashMap<>();
        for (ScriptStatement statement : statements) {
            long fromHeader = maxVersion("proforma_version");
            long fromLine = maxVersion("proforma_line_version");
            int rows;
            try {
                rows = sandbox.execute(statement);
            } catch (DataAccessException e) {
                throw new ScriptRefused(List.of(statement.label() + " fails in the dry run: " + Failures.reasonOf(e)));
            }
            long size = sizes.get(statement.table());
            double share = size == 0 ? (rows == 0 ? 0 : 1) : (double) rows / size;
            List<String> flags = new ArrayList<>();
            if (share > maxShare) {
                flags.add(String.format("touches %.1f %% of %s (%d of %d rows); more than %.1f %% needs a second look",
                        share * 100, statement.table(), rows, size, maxShare * 100));
            }
            if (!statement.keyPredicate()) {
                flags.add("no key predicate: no WHERE on id, proforma_id or number");
            }
            List<SampleChange> sample = new ArrayList<>(sample(token, fromHeader, fromLine));
            reports.add(new StatementReport(statement.number(), statement.firstLine(), statement.table(),
                    statement.operation(), rows, size, share, flags, sample));
            rowsPerTable.merge(statement.table(), rows, Integer::sum);
        }
        Map<String, Double> sharePerTable = new LinkedHashMap<>();
        rowsPerTable.forEach((table, rows) -> sharePerTable.put(table,
                sizes.get(table) == 0 ? 0 : Math.min(1.0, (double) rows / sizes.get(table))));
        List<Long> changed = proformasChanged(token);
        return new Outcome(new DryRunReport(reports, rowsPerTable, sharePerTable, changed.size()), changed);
    }

    /** Distinct proformas with a history row under the dry run's token: what the guard will count at the run. */
    private List<Long> proformasChanged(long token) {
        return jdbc.sql("""
                select proforma_id from proforma_version where change_set_id = :cs
                union
                select proforma_id from proforma_line_version where change_set_id = :cs
                """).param("cs", token).query(Long.class).list();
    }

    private long maxVersion(String table) {
        return raw.queryForObject("select coalesce(max(version_id), 0) from " + table, Long.class);
    }

    private List<SampleChange> sample(long token, long fromHeader, long fromLine) {
        List<SampleChange> changes = new ArrayList<>();
        jdbc.sql("""
                select v.number as record, v.operation, to_jsonb(v)::text as after,
                       (select to_jsonb(b)::text from proforma_version b
                         where b.proforma_id = v.proforma_id and b.version_id < v.version_id
                         order by b.version_id desc limit 1) as before
                  from proforma_version v
                 where v.change_set_id = :cs and v.version_id > :from
                 order by v.version_id limit :limit
                """).param("cs", token).param("from", fromHeader).param("limit", sampleSize)
                .query((rs, n) -> diff(rs.getString("record"), rs.getString("operation"), rs.getString("before"),
                        rs.getString("after"), changes))
                .list();
        jdbc.sql("""
                select 'proforma ' || v.proforma_id || ' line ' || v.position as record, v.operation,
                       to_jsonb(v)::text as after,
                       (select to_jsonb(b)::text from proforma_line_version b
                         where b.proforma_id = v.proforma_id and b.position = v.position and b.version_id < v.version_id
                         order by b.version_id desc limit 1) as before
                  from proforma_line_version v
                 where v.change_set_id = :cs and v.version_id > :from
                 order by v.version_id limit :limit
                """).param("cs", token).param("from", fromLine).param("limit", sampleSize)
                .query((rs, n) -> diff(rs.getString("record"), rs.getString("operation"), rs.getString("before"),
                        rs.getString("after"), changes))
                .list();
        return changes;
    }

    private boolean diff(String record, String operation, String beforeJson, String afterJson, List<SampleChange> into) {
        Map<String, Object> after = read(afterJson);
        if ("D".equals(operation)) {
            into.add(new SampleChange(record, "(deleted)", summary(after), null));
            return true;
        }
        Map<String, Object> before = beforeJson == null ? null : read(beforeJson);
        if ("I".equals(operation) || before == null) {
            into.add(new SampleChange(record, "(inserted)", null, summary(after)));
            return true;
        }
        after.forEach((field, value) -> {
            if (!META.contains(field) && !Objects.equals(before.get(field), value)) {
                into.add(new SampleChange(record, field, text(before.get(field)), text(value)));
            }
        });
        return true;
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, ROW);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable history row", e);
        }
    }

    private static String summary(Map<String, Object> row) {
        StringBuilder text = new StringBuilder();
        row.forEach((field, value) -> {
            if (!META.contains(field) && value != null) {
                text.append(text.isEmpty() ? "" : ", ").append(field).append('=').append(value);
            }
        });
        return text.length() > 500 ? text.substring(0, 497) + "…" : text.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
