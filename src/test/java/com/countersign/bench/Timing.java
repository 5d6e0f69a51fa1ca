package com.countersign.bench;

import java.util.ArrayList;
import java.util.List;

/** Wall-clock times of one action, in milliseconds, after warm-up runs that are not kept. */
public record Timing(List<Double> millis) {

    public Timing {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("A timing needs at least one run");
        }
        millis = List.copyOf(millis);
    }

    public static Timing of(int warmups, int runs, Runnable action) {
        for (int i = 0; i < warmups; i++) {
            action.run();
        }
        List<Double> millis = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.run();
            millis.add((System.nanoTime() - start) / 1_000_000.0);
        }
        return new Timing(millis);
    }

    /** Other builds share the machine: the median is the figure, the rest shows the noise. */
    public double median() {
        return percentile(50);
    }

    public double p90() {
        return percentile(90);
    }

    public double p95() {
        return percentile(95);
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        return sorted().get(millis.size() - 1);
    }

    private double percentile(int p) {
        List<Double> sorted = sorted();
        double rank = p / 100.0 * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (rank - below);
    }

    private List<Double> sorted() {
        return millis.stream().sorted().toList();
    }
}
