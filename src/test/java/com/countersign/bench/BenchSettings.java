package com.countersign.bench;

/**
 * Knobs for a benchmark run, as system properties (Maven passes {@code -Dname=value} on): fewer
 * rows or runs for a quick look, {@code bench.strict=true} to fail the build on a missed target.
 */
public final class BenchSettings {

    private BenchSettings() {}

    public static int warmups() {
        return Integer.getInteger("bench.warmups", 5);
    }

    public static int runs() {
        return Integer.getInteger("bench.runs", 15);
    }

    public static int rows(String benchmark, int standard) {
        return Integer.getInteger("bench." + benchmark + ".rows", standard);
    }

    public static boolean strict() {
        return Boolean.getBoolean("bench.strict");
    }
}
