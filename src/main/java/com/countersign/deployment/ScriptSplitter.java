package com.countersign.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script at the semicolons outside quotes and comments, so that a refusal can name the
 * statement by its number even when the parser cannot read it. Dollar quotes are not split but
 * kept whole; the parser then judges what is inside.
 */
final class ScriptSplitter {

    private ScriptSplitter() {}

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                int end = script.indexOf(c, i + 1);
                while (end > 0 && end + 1 < n && script.charAt(end + 1) == c) {
                    end = script.indexOf(c, end + 2);
                }
                end = end < 0 ? n : end + 1;
                current.append(script, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
            } else if (c == '$') {
                int tagEnd = script.indexOf('$', i + 1);
                String tag = tagEnd < 0 ? null : script.substring(i, tagEnd + 1);
                if (tag != null && tag.matches("\\$[A-Za-z_]*\\$")) {
                    int end = script.indexOf(tag, tagEnd + 1);
                    end = end < 0 ? n : end + tag.length();
                    current.append(script, i, end);
                    i = end;
                } else {
                    current.append(c);
                    i++;
                }
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
