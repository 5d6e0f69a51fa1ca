package com.countersign.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A strict run fails on a missed target, whatever benchmark wrote it; a run that is not strict only reports it. */
class BenchReportTest {

    @Test
    void a_missed_target_fails_a_strict_run_and_names_the_figure() {
        BenchReport report = reportWith(40, 10);

        assertThatThrownBy(() -> report.failOnMissedTargets(true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("missed 1 target(s)")
                .hasMessageContaining("rows on screen (40 ms, target ≤ 3× page alone)");
    }

    @Test
    void a_missed_target_is_only_reported_when_the_run_is_not_strict() {
        assertThatCode(() -> reportWith(40, 10).failOnMissedTargets(false)).doesNotThrowAnyException();
    }

    @Test
    void a_strict_run_with_every_target_met_passes() {
        assertThatCode(() -> reportWith(20, 10).failOnMissedTargets(true)).doesNotThrowAnyException();
    }

    private static BenchReport reportWith(double onScreen, double page) {
        BenchReport report = new BenchReport("test", "strictness", null);
        BenchReport.Figure alone = report.add("page alone", new Timing(List.of(page)));
        report.add("rows on screen", new Timing(List.of(onScreen))).atMostTimes(3, alone);
        return report;
    }
}
