package com.countersign.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the figures were measured on; they mean little without it. */
public record Machine(int cores, double loadAverage, long maxHeapMiB, String java, String os, String postgres,
        Map<String, String> postgresSettings) {

    private static final String[] SETTINGS = {"shared_buffers", "work_mem", "effective_cache_size",
        "max_parallel_workers_per_gather", "random_page_cost"};

    public static Machine describe(JdbcClient jdbc) {
        Runtime runtime = Runtime.getRuntime();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : SETTINGS) {
            settings.put(name, jdbc.sql("select coalesce(current_setting(:name, true), '?')").param("name", name)
                    .query(String.class).single());
        }
        settings.put("collation", collation(jdbc));
        // other builds share the machine: the load average tells how much they took
        double load = Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 10) / 10.0;
        return new Machine(runtime.availableProcessors(), load, runtime.maxMemory() / (1024 * 1024),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                jdbc.sql("select 'PostgreSQL ' || current_setting('server_version')").query(String.class).single(),
                settings);
    }

    private static String collation(JdbcClient jdbc) {
        return jdbc.sql("select datcollate from pg_database where datname = current_database()")
                .query(String.class).single();
    }

    String summary() {
        return "%d cores (load average %.1f), max heap %d MiB, %s, %s, %s %s".formatted(cores, loadAverage,
                maxHeapMiB, java, os, postgres, postgresSettings);
    }
}
