package com.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one report page: every benchmark's figures with baseline, ratio, target and verdict, misses on top. */
class BenchMarkdownTest {

    @TempDir
    Path dir;

    @Test
    void every_benchmark_file_becomes_a_section_and_missed_targets_are_listed_first() throws Exception {
        Files.writeString(dir.resolve("history.json"), """
                {"name":"history","title":"history and guard","measuredAt":"2026-11-24T22:00:00Z",
                 "machine":{"cores":2,"loadAverage":1.5,"maxHeapMiB":6000,"java":"OpenJDK 17","postgres":"PostgreSQL 17.6"},
                 "setup":{"rows":100000},"warmups":1,"runs":5,
                 "figures":[
                   {"label":"plain table","unit":"ms","median":3515.0,"p95":3600.0},
                   {"label":"with history","unit":"ms","median":5686.0,"p95":5800.0,"baseline":"plain table",
                    "ratio":1.62,"target":"≤ 2× plain table","met":true}]}
                """);
        Files.writeString(dir.resolve("paper.json"), """
                {"name":"paper","title":"PDF","measuredAt":"2026-11-24T22:10:00Z","machine":{"cores":2},
                 "warmups":0,"runs":5,
                 "figures":[{"label":"end to end","unit":"forms/s","median":812.0,"p95":812.0,
                             "target":"≥ 1000 forms/s","met":false}]}
                """);
        Files.writeString(dir.resolve("not-a-report.json"), "{\"other\": 1}");

        String report = Files.readString(BenchMarkdown.render(dir));

        assertThat(report).contains("**Targets: 1 met, 1 missed.**", "- MISSED paper: end to end");
        assertThat(report).contains("| with history | 5,686 | 5,800 | plain table | 1.62× | ≤ 2× plain table | met |");
        assertThat(report).contains("| end to end | 812 forms/s | 812 forms/s |  |  | ≥ 1000 forms/s | **MISSED** |");
        assertThat(report.indexOf("## history")).isLessThan(report.indexOf("## paper"));
        assertThat(report).doesNotContain("not-a-report");
    }
}
