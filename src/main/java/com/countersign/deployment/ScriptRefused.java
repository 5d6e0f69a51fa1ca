package com.countersign.deployment;

import java.util.List;

/** A script that may not run, with one message per refused statement. */
public class ScriptRefused extends IllegalArgumentException {

    private final List<String> problems;

    ScriptRefused(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 77) + "…" : line;
    }
}
