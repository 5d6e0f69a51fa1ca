package com.countersign.deployment;

import java.util.List;

/** What one statement did in the dry run: exact rows, the share of its table, red flags, a sample. */
public record StatementReport(int number, String firstLine, String table, String operation, int rows, long tableRows,
        double share, List<String> flags, List<SampleChange> sample) {

    public boolean flagged() {
        return !flags.isEmpty();
    }
}
