package com.countersign.deployment;

/** One DML statement of a deployment script, numbered from 1 as the submitter wrote them. */
public record ScriptStatement(int number, String sql, String table, String operation, boolean keyPredicate) {

    public String firstLine() {
        return ScriptRefused.firstLine(sql);
    }

    public String label() {
        return "Statement " + number + " (" + firstLine() + ")";
    }
}
