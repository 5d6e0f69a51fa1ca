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

    static final double CHECK_TIMES_READ = 6;
    static final double CHECK_MILLIS = 10_000;

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

        long checked = jdbc.sql("select proformas_checked from integrity_check where id = :id").param("id", checkId[0])
                .query(Long.class).single();
        assertThat(checked).as("the check compared every proforma").isGreaterThanOrEqualTo(loaded.proformas());
    }
}
