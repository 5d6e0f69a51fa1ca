package com.countersign.deployment;

import java.util.List;
import java.util.Map;

/**
 * The dry run of a whole script: per statement, per table (rows and share of the table), and the
 * distinct proformas touched, which becomes the change set's exact approved count.
 */
public record DryRunReport(List<StatementReport> statements, Map<String, Integer> rowsPerTable,
        Map<String, Double> sharePerTable, int proformas) {

    public boolean flagged() {
        return statements.stream().anyMatch(StatementReport::flagged);
    }

    public List<String> flags() {
        return statements.stream()
                .flatMap(s -> s.flags().stream().map(f -> "Statement " + s.number() + " (" + s.firstLine() + "): " + f))
                .toList();
    }
}
