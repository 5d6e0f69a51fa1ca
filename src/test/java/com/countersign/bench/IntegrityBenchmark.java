package com.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The integrity check on a million proformas (issue 13, item 8: "1M proformas in seconds"): every
 * live proforma and line against its latest history image, set-based, as the portal asks for it.
 * Its baseline, measured in the same run, is reading the same tables once (a count over each: the
 * least any comparison of them can cost).
 */
@Tag("bench")
@CountersignTest
class IntegrityBenchmark {

    static final double CHECK_TIMES_READ = 10;
    static final double CHECK_MILLIS = 15_000;

    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void the_integrity_check_reads_a_million_proformas_in_seconds() {
        int rows = BenchSettings.rows("integrity", 1_000_000);
        BenchProformas.Loaded loaded = BenchProformas.ensure(rows, jdbc, transactions);
        jdbc.sql("vacuum analyze proforma, proforma_line, proforma_version, proforma_line_version").update();
        long versions = jdbc.sql("select count(*) from proforma_version").query(Long.class).single();
        long lineVersions = jdbc.sql("select count(*) from proforma_line_version").query(Long.class).single();
        BenchReport report = BenchReport.start("integrity", "integrity check: live rows against their latest history image", jdbc)
                .runs(1, 3)
                .setup("proformas", loaded.proformas())
                .setup("lines", loaded.lines())
                .setup("proforma versions", versions)
                .setup("line versions", lineVersions);

        var read = report.measure("baseline: read proformas, lines and both history tables once (count)", () -> jdbc.sql("""
                select (select count(*) from proforma) + (select count(*) from proforma_line)
                     + (select count(*) from proforma_version) + (select count(*) from proforma_line_version)
                """).query(Long.class).single());
        long[] checkId = new long[1];
        report.measure("integrity check (countersign_integrity_check)", () -> checkId[0] = jdbc
                        .sql("select public.countersign_integrity_check('ON_DEMAND', 'bench')").query(Long.class).single())
                .atMostMillis(CHECK_MILLIS).atMostTimes(CHECK_TIMES_READ, read);
        report.write();
        if (Boolean.getBoolean("bench.integrity.explain")) {
            explain();
        }

        long checked = jdbc.sql("select proformas_checked from integrity_check where id = :id").param("id", checkId[0])
                .query(Long.class).single();
        assertThat(checked).as("the check compared every proforma").isGreaterThanOrEqualTo(loaded.proformas());
    }

    /** The check's plan with its timings, for tuning: -Dbench.integrity.explain=true writes target/bench/integrity-plan.txt. */
    private void explain() {
        String body = jdbc.sql("select prosrc from pg_proc where proname = 'countersign_integrity_check'")
                .query(String.class).single();
        String statement = body.substring(body.indexOf("with recorded"), body.indexOf("get diagnostics"));
        statement = statement.substring(0, statement.indexOf("insert into")) + "select count(*) from ("
                + statement.substring(statement.indexOf("select", statement.indexOf("insert into")))
                        .replace("select check_id,", "select 0,").replace(";", "") + ") findings";
        jdbc.sql("select set_config('enable_hashjoin', 'off', false), set_config('work_mem', '64MB', false)").query().listOfRows();
        String plan = String.join("\n", jdbc.sql("explain (analyze, buffers) " + statement).query(String.class).list());
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/bench/integrity-plan.txt"), plan);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
