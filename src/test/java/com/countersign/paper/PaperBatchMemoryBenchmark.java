package com.countersign.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.bench.BenchReport;
import com.countersign.bench.Timing;
import com.countersign.proforma.ProformaFilter;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 10,000-form pack in one PDF in a JVM limited to 256 MB of heap, the whole application included.
 * The bench profile runs it in its own surefire fork with -Xmx256m (execution paper-batch-256m):
 * {@code mvn -Pbench verify}. Also as of a moment, which reads from history.
 */
@Tag("bench")
@Tag("bench-256m")
@CountersignTest
class PaperBatchMemoryBenchmark {

    static final int FORMS = 10_000;

    @Autowired
    PaperService paper;

    @Autowired
    JdbcClient jdbc;

    @Test
    void ten_thousand_forms_stream_into_one_pdf_under_256_mb_of_heap() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        String prefix = BenchData.seed(jdbc, FORMS, 10);
        Users.actAs("manager", "MANAGER");
        var filter = new ProformaFilter(null, prefix, Set.of(), null, null);
        resetPeaks();
        PaperBenchmark.CountingStream out = new PaperBenchmark.CountingStream();
        int[] progressCalls = {0};
        long start = System.nanoTime();
        int printed = paper.printPdf(PaperSelection.matching(filter), out, done -> progressCalls[0]++);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakCurrent = peakHeap();

        resetPeaks();
        PaperBenchmark.CountingStream asOfOut = new PaperBenchmark.CountingStream();
        start = System.nanoTime();
        int printedAsOf = paper.printPdf(PaperSelection.asOf(filter, java.time.Instant.now()), asOfOut, done -> {});
        double asOfSeconds = (System.nanoTime() - start) / 1e9;
        long peakAsOf = peakHeap();

        BenchReport report = BenchReport.start("paper-batch",
                "a 10,000-form PDF pack in a JVM with at most 256 MB of heap", jdbc)
                .runs(0, 1).setup("forms", printed).setup("max heap MiB", maxHeap / (1024 * 1024))
                .setup("PDF MiB", Math.round(out.count / 1024.0 / 1024.0 * 10) / 10.0);
        report.add("current forms: whole pack", new Timing(List.of(seconds * 1000)));
        report.rate("current forms: throughput", Math.round(printed / seconds), "forms/s");
        report.value("current forms: peak heap (sum of pool peaks)", peakCurrent / (1024 * 1024), "MiB")
                .atMost(maxHeap / (1024 * 1024));
        report.add("as of a moment (from history): whole pack", new Timing(List.of(asOfSeconds * 1000)));
        report.value("as of a moment: peak heap", peakAsOf / (1024 * 1024), "MiB").atMost(maxHeap / (1024 * 1024));
        report.write();
        assertThat(printed).isEqualTo(FORMS);
        assertThat(printedAsOf).isEqualTo(FORMS);
        assertThat(progressCalls[0]).isEqualTo(FORMS);
        assertThat(maxHeap).as("run by the paper-batch-256m execution with -Xmx256m")
                .isLessThanOrEqualTo(256L * 1024 * 1024);
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Peak heap over all pools since the reset: an upper bound, since pools peak at different moments. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
    }
}
