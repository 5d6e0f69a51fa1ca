package com.countersign.deployment;

/** One statement of the real run: rows it changed against the dry run's count. */
public record RunLogEntry(int number, String firstLine, int rows, int dryRunRows, long millis) {}
