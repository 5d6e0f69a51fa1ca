package com.countersign.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one benchmark measured: the machine, its setup and its figures, each next to its target.
 * Printed as a table and written to {@code target/bench/<name>.json}; every write also renders
 * {@code target/bench/report.md} from all the JSON files there ({@link BenchMarkdown}). A figure is
 * a time in milliseconds (lower is better) or another measured value with its unit (memory, a
 * rate); its target is absolute or a ratio against a baseline figure measured in the same run,
 * which keeps the verdict meaningful on a machine shared with other builds.
 */
public final class BenchReport {

    private final String name;
    private final String title;
    private final Machine machine;
    private final Map<String, Object> setup = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private int warmups = BenchSettings.warmups();
    private int runs = BenchSettings.runs();

    BenchReport(String name, String title, Machine machine) {
        this.name = name;
        this.title = title;
        this.machine = machine;
    }

    public static BenchReport start(String name, String title, JdbcClient jdbc) {
        return new BenchReport(name, title, Machine.describe(jdbc));
    }

    /** For a benchmark that times its own runs rather than through {@link #measure}. */
    public BenchReport runs(int warmups, int runs) {
        this.warmups = warmups;
        this.runs = runs;
        return this;
    }

    public BenchReport setup(String key, Object value) {
        setup.put(key, value);
        return this;
    }

    /** Times the action (warm-up runs first, see {@link BenchSettings}) and adds it as a figure. */
    public Figure measure(String label, Runnable action) {
        return add(label, Timing.of(warmups, runs, action));
    }

    public Figure add(String label, Timing timing) {
        Figure figure = new Figure(label, timing, "ms", false);
        figures.add(figure);
        return figure;
    }

    /** A measured amount where less is better, such as memory: {@code value("heap per session", 412, "KiB")}. */
    public Figure value(String label, double value, String unit) {
        Figure figure = new Figure(label, new Timing(List.of(value)), unit, false);
        figures.add(figure);
        return figure;
    }

    /** A measured amount where less is better, one sample per run: its median is the figure. */
    public Figure values(String label, List<Double> values, String unit) {
        Figure figure = new Figure(label, new Timing(values), unit, false);
        figures.add(figure);
        return figure;
    }

    /** A measured amount where more is better, such as a throughput: {@code rate("PDF", 1450, "forms/s")}. */
    public Figure rate(String label, double value, String unit) {
        Figure figure = new Figure(label, new Timing(List.of(value)), unit, true);
        figures.add(figure);
        return figure;
    }

    public List<Figure> missedTargets() {
        return figures.stream().filter(f -> Boolean.FALSE.equals(f.met())).toList();
    }

    /**
     * Prints the table to stdout and writes the JSON file; returns the file. Under
     * {@code bench.strict=true} a missed target then fails the benchmark, and so the build, after
     * its figures are written: a failed strict run still leaves its report.
     */
    public Path write() {
        System.out.println(table());
        Path file = Path.of("target", "bench", name + ".json");
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        System.out.println("Written to " + file.toAbsolutePath());
        System.out.println("Report: " + BenchMarkdown.render(file.getParent()).toAbsolutePath());
        failOnMissedTargets(BenchSettings.strict());
        return file;
    }

    void failOnMissedTargets(boolean strict) {
        List<Figure> missed = missedTargets();
        if (strict && !missed.isEmpty()) {
            throw new AssertionError("bench " + name + " missed " + missed.size() + " target(s) under bench.strict=true: "
                    + missed.stream().map(f -> f.label() + " (" + f.text(f.timing().median())
                            + ("ms".equals(f.unit()) ? " ms" : "") + ", target " + f.targetText() + ")")
                            .collect(Collectors.joining("; ")));
        }
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("%n== bench %s: %s ==%n".formatted(name, title));
        out.append("machine: ").append(machine.summary()).append('\n');
        out.append("setup:   ").append(setup.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))).append('\n');
        out.append("runs:    median of %d runs after %d warm-up runs (ms unless a unit is given)%n"
                .formatted(runs, warmups));
        int width = Math.max(6, figures.stream().mapToInt(f -> f.label().length()).max().orElse(0));
        int targetWidth = Math.max(6, figures.stream().mapToInt(f -> f.targetText().length()).max().orElse(0));
        String row = "%-" + width + "s %9s %9s %9s %7s  %-" + targetWidth + "s  %s%n";
        out.append(row.formatted("figure", "median", "p90", "min", "ratio", "target", "verdict"));
        out.append("(ratio: this median over the median of the figure named in the target column)\n");
        for (Figure f : figures) {
            out.append(row.formatted(f.label(), f.text(f.timing().median()), f.text(f.timing().p90()),
                    f.text(f.timing().min()), f.ratioText(), f.targetText(), f.verdict()));
        }
        return out.toString();
    }

    private Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("title", title);
        json.put("measuredAt", Instant.now().toString());
        json.put("machine", machine);
        json.put("setup", setup);
        json.put("warmups", warmups);
        json.put("runs", runs);
        json.put("figures", figures.stream().map(Figure::json).toList());
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** One measured action, with an optional baseline and target. */
    public static final class Figure {

        private final String label;
        private final Timing timing;
        private final String unit;
        private final boolean higherIsBetter;
        private Figure baseline;
        private Double limit;
        private Double limitRatio;

        private Figure(String label, Timing timing, String unit, boolean higherIsBetter) {
            this.label = label;
            this.timing = timing;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        public String label() {
            return label;
        }

        public Timing timing() {
            return timing;
        }

        public String unit() {
            return unit;
        }

        public Figure atMostMillis(double millis) {
            return atMost(millis);
        }

        /** The target for a figure where less is better, in its own unit. */
        public Figure atMost(double value) {
            requireDirection(false);
            this.limit = value;
            return this;
        }

        /** The target for a figure where more is better, in its own unit. */
        public Figure atLeast(double value) {
            requireDirection(true);
            this.limit = value;
            return this;
        }

        public Figure atMostTimes(double ratio, Figure baseline) {
            requireDirection(false);
            this.limitRatio = ratio;
            return relativeTo(baseline);
        }

        public Figure atLeastTimes(double ratio, Figure baseline) {
            requireDirection(true);
            this.limitRatio = ratio;
            return relativeTo(baseline);
        }

        private void requireDirection(boolean higher) {
            if (higherIsBetter != higher) {
                throw new IllegalStateException("'" + label + "' is a figure where " + (higherIsBetter ? "more" : "less")
                        + " is better; use " + (higherIsBetter ? "atLeast" : "atMost"));
            }
        }

        /** Shows the ratio against the baseline without making it a target. */
        public Figure relativeTo(Figure baseline) {
            this.baseline = baseline;
            return this;
        }

        public Double ratio() {
            return baseline == null ? null : timing.median() / baseline.timing.median();
        }

        /** Null when the figure has no target. */
        public Boolean met() {
            if (limit == null && limitRatio == null) {
                return null;
            }
            return (limit == null || within(timing.median(), limit)) && (limitRatio == null || within(ratio(), limitRatio));
        }

        private boolean within(double value, double bound) {
            return higherIsBetter ? value >= bound : value <= bound;
        }

        String text(double value) {
            String number = value >= 100 || value == Math.rint(value) ? "%.0f".formatted(value) : "%.1f".formatted(value);
            return "ms".equals(unit) ? number : number + " " + unit;
        }

        String ratioText() {
            return baseline == null ? "" : "%.2f×".formatted(ratio());
        }

        String targetText() {
            List<String> parts = new ArrayList<>();
            String bound = higherIsBetter ? "≥" : "≤";
            if (limit != null) {
                parts.add(bound + " " + ("ms".equals(unit) ? text(limit) + " ms" : text(limit)));
            }
            if (limitRatio != null) {
                parts.add("%s %s× %s".formatted(bound, new java.text.DecimalFormat("0.##").format(limitRatio),
                        baseline.label));
            } else if (baseline != null) {
                parts.add("none; vs " + baseline.label);
            }
            return String.join(" and ", parts);
        }

        String verdict() {
            Boolean met = met();
            return met == null ? "(reference)" : met ? "met" : "MISSED";
        }

        private Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("label", label);
            json.put("unit", unit);
            json.put("better", higherIsBetter ? "higher" : "lower");
            json.put("median", round(timing.median()));
            json.put("p90", round(timing.p90()));
            json.put("p95", round(timing.p95()));
            json.put("min", round(timing.min()));
            json.put("max", round(timing.max()));
            json.put("samples", timing.millis().stream().map(BenchReport::round).toList());
            if (baseline != null) {
                json.put("baseline", baseline.label);
                json.put("baselineMedian", round(baseline.timing.median()));
                json.put("ratio", round(ratio()));
            }
            if (met() != null) {
                json.put("target", targetText());
                json.put("met", met());
            }
            return json;
        }
    }
}
