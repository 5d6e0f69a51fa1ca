package com.countersign.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One page for every benchmark: reads the JSON each {@link BenchReport} wrote under
 * {@code target/bench/} and renders {@code report.md}, each figure beside its baseline from the same
 * run, the ratio, the target, the verdict and the machine it was measured on. Rendered again after
 * every benchmark, so after {@code mvn -Pbench verify} it holds them all; a benchmark not run this
 * time keeps its older figures, dated, so a stale number is never mistaken for a fresh one.
 */
public final class BenchMarkdown {

    /** The order of the sections; benchmarks not listed here follow alphabetically. */
    private static final List<String> ORDER = List.of("grid", "history", "approval", "recovery", "paper",
            "paper-batch", "load");

    private BenchMarkdown() {}

    public static Path render(Path directory) {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = mapper.readTree(file.toFile());
                if (node.has("figures") && node.has("name")) {
                    reports.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the benchmark results in " + directory, e);
        }
        reports.sort(Comparator.comparingInt((JsonNode r) -> rank(r.path("name").asText()))
                .thenComparing(r -> r.path("name").asText()));
        Path out = directory.resolve("report.md");
        try {
            Files.writeString(out, markdown(reports));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + out, e);
        }
        return out;
    }

    static String markdown(List<JsonNode> reports) {
        StringBuilder md = new StringBuilder("# Countersign benchmark report\n\n");
        md.append("Rendered %s from `target/bench/*.json` by `mvn -B -Pbench verify`. ".formatted(Instant.now()))
                .append("Times are medians in milliseconds unless a unit is given; a ratio is this figure over ")
                .append("its baseline, measured in the same run on the same machine.\n\n");
        long met = 0;
        List<String> missed = new ArrayList<>();
        for (JsonNode report : reports) {
            for (JsonNode figure : report.path("figures")) {
                if (figure.has("met")) {
                    if (figure.path("met").asBoolean()) {
                        met++;
                    } else {
                        missed.add(report.path("name").asText() + ": " + figure.path("label").asText());
                    }
                }
            }
        }
        md.append("**Targets: %d met, %d missed.**".formatted(met, missed.size()));
        missed.forEach(m -> md.append("\n- MISSED ").append(m));
        md.append("\n\n| benchmark | measured at | machine |\n|---|---|---|\n");
        for (JsonNode report : reports) {
            md.append("| %s | %s | %s |\n".formatted(report.path("name").asText(),
                    report.path("measuredAt").asText(), machine(report.path("machine"))));
        }
        for (JsonNode report : reports) {
            md.append("\n## %s: %s\n\n".formatted(report.path("name").asText(), report.path("title").asText()));
            List<String> setup = new ArrayList<>();
            report.path("setup").fields().forEachRemaining(e -> setup.add(e.getKey() + " "
                    + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString())));
            if (!setup.isEmpty()) {
                md.append("Setup: ").append(String.join(", ", setup)).append(".  \n");
            }
            if (report.path("runs").asInt() > 0) {
                md.append("Runs: %s after %s warm-up runs; ".formatted(report.path("runs").asText(),
                        report.path("warmups").asText()));
            }
            md.append("load average %s when it started.\n\n".formatted(
                    report.path("machine").path("loadAverage").asText()));
            md.append("| figure | median | p95 | baseline | ratio | target | verdict |\n");
            md.append("|---|---:|---:|---|---:|---|---|\n");
            for (JsonNode f : report.path("figures")) {
                md.append("| %s | %s | %s | %s | %s | %s | %s |\n".formatted(cell(f.path("label").asText()),
                        amount(f, "median"), amount(f, "p95"), cell(f.path("baseline").asText("")),
                        f.has("ratio") ? f.path("ratio").asText() + "×" : "", cell(f.path("target").asText("")),
                        f.has("met") ? (f.path("met").asBoolean() ? "met" : "**MISSED**") : "reference"));
            }
        }
        return md.toString();
    }

    private static int rank(String name) {
        int index = ORDER.indexOf(name);
        return index < 0 ? ORDER.size() : index;
    }

    private static String amount(JsonNode figure, String field) {
        if (!figure.has(field)) {
            return "";
        }
        double value = figure.path(field).asDouble();
        String unit = figure.path("unit").asText("ms");
        String number = value >= 100 || value == Math.rint(value) ? "%,.0f".formatted(value) : "%.1f".formatted(value);
        return "ms".equals(unit) ? number : number + " " + unit;
    }

    private static String machine(JsonNode machine) {
        return "%s cores, %s, %s, max heap %s MiB".formatted(machine.path("cores").asText(),
                machine.path("postgres").asText(), machine.path("java").asText(), machine.path("maxHeapMiB").asText());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
