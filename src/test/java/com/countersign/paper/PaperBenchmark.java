package com.countersign.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.bench.BenchReport;
import com.countersign.bench.BenchSettings;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Users;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PDF throughput, single thread: end to end (proformas and lines read from the database page by
 * page) against rendering the very same forms from memory, in the same run. Targets: at least
 * 1,000 forms/s end to end, and at least half the in-memory rate. Runs with {@code mvn -Pbench verify}.
 */
@Tag("bench")
@CountersignTest
class PaperBenchmark {

    static final int FORMS = 3_000;
    static final int LINES = 10;
    static final int ROUNDS = 5;

    @Autowired
    DatabaseRoles roles;

    @Autowired
    PaperService paper;

    @Autowired
    ProformaService proformas;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pdf_forms_per_second_from_the_database_and_from_memory() {
        String prefix = BenchData.seed(jdbc, FORMS, LINES);
        roles.ownerSql().sql("analyze proforma; analyze proforma_line").update(); // statistics are the owner's to gather
        Users.actAs("manager", "MANAGER");
        var selection = PaperSelection.matching(new ProformaFilter(null, prefix, Set.of(), null, null));
        List<PaperForm> inMemory = load(selection.filter());
        assertThat(inMemory).hasSize(FORMS);

        double bestDb = 0;
        double bestMemory = 0;
        double bestRead = 0;
        long bytes = 0;
        for (int round = 0; round < ROUNDS; round++) { // the first rounds warm the JIT up for both paths
            CountingStream out = new CountingStream();
            long start = System.nanoTime();
            int printed = paper.printPdf(selection, out, done -> {});
            bestDb = Math.max(bestDb, rate(printed, start));
            bytes = out.count;

            CountingStream memoryOut = new CountingStream();
            start = System.nanoTime();
            try (PdfFormWriter pdf = new PdfFormWriter(memoryOut, paper.company(), Instant.now())) {
                inMemory.forEach(pdf::add);
            }
            bestMemory = Math.max(bestMemory, rate(FORMS, start));

            start = System.nanoTime();
            int read = load(selection.filter()).size();
            bestRead = Math.max(bestRead, rate(read, start));
        }
        BenchReport report = BenchReport.start("paper", "PDF forms per second, one thread", jdbc)
                .runs(0, ROUNDS).setup("forms", FORMS).setup("lines per form", LINES)
                .setup("rounds (best kept; the first ones warm the JIT up)", ROUNDS)
                .setup("PDF bytes per form", bytes / FORMS);
        var memory = report.rate("rendered from memory (baseline)", Math.round(bestMemory), "forms/s");
        report.rate("read from the database only", Math.round(bestRead), "forms/s").relativeTo(memory);
        report.rate("end to end: read page by page and rendered", Math.round(bestDb), "forms/s")
                .atLeast(1000).atLeastTimes(0.5, memory);
        report.write();
        if (BenchSettings.strict()) { // as the other benchmarks: targets fail the build only when asked
            assertThat(report.missedTargets()).extracting(BenchReport.Figure::label).isEmpty();
        }
    }

    private List<PaperForm> load(ProformaFilter filter) {
        List<PaperForm> forms = new ArrayList<>();
        long after = 0;
        List<com.countersign.proforma.ProformaSnapshot> page;
        while (!(page = proformas.fullPage(filter, after, PaperService.PAGE)).isEmpty()) {
            page.forEach(p -> forms.add(PaperForm.current(p)));
            after = page.get(page.size() - 1).id();
        }
        return forms;
    }

    private static double rate(int forms, long startNanos) {
        return forms / ((System.nanoTime() - startNanos) / 1e9);
    }

    /** Where the PDF goes: counted, not kept, as the browser would receive it. */
    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
