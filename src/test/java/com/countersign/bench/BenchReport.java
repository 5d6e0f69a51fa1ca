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
 * Printed as a table and written to {@code target/bench/<name>.json}. A figure's target is either
 * absolute (milliseconds) or a ratio against a baseline figure measured in the same run, which
 * keeps the verdict meaningful on a machine shared with other builds.
 */
public final class BenchReport {

    private final String name;
    private final String title;
    private final Machine machine;
    private final Map<String, Object> setup = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<Amount> amounts = new ArrayList<>();

    private BenchReport(String name, String title, Machine machine) {
        this.name = name;
        this.title = title;
        this.machine = machine;
    }

    public static BenchReport start(String name, String title, JdbcClient jdbc) {
        return new BenchReport(name, title, Machine.describe(jdbc));
    }

    public BenchReport setup(String key, Object value) {
        setup.put(key, value);
        return this;
    }

    /** Times the action (warm-up runs first, see {@link BenchSettings}) and adds it as a figure. */
    public Figure measure(String label, Runnable action) {
        return add(label, Timing.of(BenchSettings.warmups(), BenchSettings.runs(), action));
    }

    public Figure add(String label, Timing timing) {
        Figure figure = new Figure(label, timing);
        figures.add(figure);
        return figure;
    }

    /** A figure that is not a time (bytes, a rate, a count), optionally with an upper bound. */
    public Amount amount(String label, double value, String unit) {
        Amount amount = new Amount(label, value, unit);
        amounts.add(amount);
        return amount;
    }

    public List<Amount> missedAmounts() {
        return amounts.stream().filter(a -> Boolean.FALSE.equals(a.met())).toList();
    }

    public List<Figure> missedTargets() {
        return figures.stream().filter(f -> Boolean.FALSE.equals(f.met())).toList();
    }

    /** Prints the table to stdout and writes the JSON file; returns the file. */
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
        return file;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("%n== bench %s: %s ==%n".formatted(name, title));
        out.append("machine: ").append(machine.summary()).append('\n');
        out.append("setup:   ").append(setup.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))).append('\n');
        out.append("runs:    median of %d runs after %d warm-up runs (ms)%n".formatted(BenchSettings.runs(),
                BenchSettings.warmups()));
        int width = Math.max(6, figures.stream().mapToInt(f -> f.label().length()).max().orElse(0));
        int targetWidth = Math.max(6, figures.stream().mapToInt(f -> f.targetText().length()).max().orElse(0));
        String row = "%-" + width + "s %9s %9s %9s %7s  %-" + targetWidth + "s  %s%n";
        out.append(row.formatted("figure", "median", "p90", "min", "ratio", "target", "verdict"));
        out.append("(ratio: this median over the median of the figure named in the target column)\n");
        for (Figure f : figures) {
            out.append(row.formatted(f.label(), ms(f.timing().median()), ms(f.timing().p90()),
                    ms(f.timing().min()), f.ratioText(), f.targetText(), f.verdict()));
        }
        if (!amounts.isEmpty()) {
            int amountWidth = Math.max(6, amounts.stream().mapToInt(a -> a.label.length()).max().orElse(0));
            String amountRow = "%-" + amountWidth + "s %16s  %-14s %s%n";
            out.append(amountRow.formatted("amount", "value", "target", "verdict"));
            for (Amount a : amounts) {
                out.append(amountRow.formatted(a.label, a.valueText(), a.targetText(),
                        a.met() == null ? "(reference)" : a.met() ? "met" : "MISSED"));
            }
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
        json.put("warmups", BenchSettings.warmups());
        json.put("runs", BenchSettings.runs());
        json.put("figures", figures.stream().map(Figure::json).toList());
        if (!amounts.isEmpty()) {
            json.put("amounts", amounts.stream().map(Amount::json).toList());
        }
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String ms(double millis) {
        return "%.1f".formatted(millis);
    }

    /** One measured action, with an optional baseline and target. */
    public static final class Figure {

        private final String label;
        private final Timing timing;
        private Figure baseline;
        private Double maxMillis;
        private Double maxRatio;

        private Figure(String label, Timing timing) {
            this.label = label;
            this.timing = timing;
        }

        public String label() {
            return label;
        }

        public Timing timing() {
            return timing;
        }

        public Figure atMostMillis(double millis) {
            this.maxMillis = millis;
            return this;
        }

        public Figure atMostTimes(double ratio, Figure baseline) {
            this.maxRatio = ratio;
            return relativeTo(baseline);
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
            if (maxMillis == null && maxRatio == null) {
                return null;
            }
            return (maxMillis == null || timing.median() <= maxMillis)
                    && (maxRatio == null || ratio() <= maxRatio);
        }

        String ratioText() {
            return baseline == null ? "" : "%.2f×".formatted(ratio());
        }

        String targetText() {
            List<String> parts = new ArrayList<>();
            if (maxMillis != null) {
                parts.add("≤ %.0f ms".formatted(maxMillis));
            }
            if (maxRatio != null) {
                parts.add("≤ %.0f× %s".formatted(maxRatio, baseline.label));
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
            json.put("medianMs", round(timing.median()));
            json.put("p90Ms", round(timing.p90()));
            json.put("minMs", round(timing.min()));
            json.put("maxMs", round(timing.max()));
            json.put("samplesMs", timing.millis().stream().map(BenchReport::round).toList());
            if (baseline != null) {
                json.put("baseline", baseline.label);
                json.put("ratio", round(ratio()));
            }
            if (met() != null) {
                json.put("target", targetText().replace("≤", "<="));
                json.put("met", met());
            }
            return json;
        }
    }

    /** A measured quantity other than a time, such as bytes per session or saves per second. */
    public static final class Amount {

        private final String label;
        private final double value;
        private final String unit;
        private Double max;

        private Amount(String label, double value, String unit) {
            this.label = label;
            this.value = value;
            this.unit = unit;
        }

        public Amount atMost(double max) {
            this.max = max;
            return this;
        }

        public String label() {
            return label;
        }

        public double value() {
            return value;
        }

        /** Null when the amount has no target. */
        public Boolean met() {
            return max == null ? null : value <= max;
        }

        String valueText() {
            return "%,.1f %s".formatted(value, unit);
        }

        String targetText() {
            return max == null ? "" : "≤ %,.0f %s".formatted(max, unit);
        }

        private Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("label", label);
            json.put("value", round(value));
            json.put("unit", unit);
            if (max != null) {
                json.put("target", targetText().replace("≤", "<="));
                json.put("met", met());
            }
            return json;
        }
    }
}
