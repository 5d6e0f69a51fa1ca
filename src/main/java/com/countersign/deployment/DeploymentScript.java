package com.countersign.deployment;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data-fix script as it will run: parsed whole by JSqlParser, each statement checked by
 * {@link StatementChecker} and kept as its deparsed text, which is what executes, one statement
 * per prepared statement. The text must read back as the same statement (to JSqlParser) and as
 * exactly one query without parameters (to pgjdbc, which would otherwise split it and send every
 * part): what runs is what was checked.
 */
final class DeploymentScript {

    static final Set<String> TABLES = StatementChecker.TABLES;
    private static final int MAX_PROBLEMS = 50;
    private static final Logger log = LoggerFactory.getLogger(DeploymentScript.class);

    private DeploymentScript() {}

    static List<ScriptStatement> parse(String script) {
        return parse(script, DeploymentLimits.DEFAULTS);
    }

    /** The statements, or {@link ScriptRefused} naming every statement that may not run. */
    static List<ScriptStatement> parse(String script, DeploymentLimits limits) {
        List<Statement> parsed = ScriptParser.parse(script, limits);
        List<String> texts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Statement statement : parsed) {
            texts.add(deparsed(statement));
        }
        List<String> readBack = readBack(texts, limits);
        List<ScriptStatement> statements = new ArrayList<>();
        for (int i = 0; i < parsed.size() && problems.size() < MAX_PROBLEMS; i++) {
            String sql = texts.get(i);
            try {
                if (!sql.equals(readBack.get(i))) {
                    throw new StatementChecker.Refusal("does not read back as the same statement; write it more plainly");
                }
                oneQuery(sql);
                statements.add(StatementChecker.check(i + 1, parsed.get(i), sql));
            } catch (StatementChecker.Refusal refusal) {
                problems.add(label(i + 1, sql) + refusal.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("Deployment checker failed on statement {}", i + 1, e);
                problems.add(label(i + 1, sql) + "cannot be checked (" + e.getClass().getSimpleName()
                        + "); rewrite it more plainly");
            }
        }
        if (!problems.isEmpty()) {
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add("… checking stopped after " + MAX_PROBLEMS + " problems");
            }
            throw new ScriptRefused(problems);
        }
        return statements;
    }

    private static String deparsed(Statement statement) {
        try {
            return statement.toString();
        } catch (RuntimeException | StackOverflowError e) {
            return "";
        }
    }

    /** The deparsed statements parsed once more, in one go; a statement that does not survive this is refused. */
    private static List<String> readBack(List<String> texts, DeploymentLimits limits) {
        DeploymentLimits unbounded = new DeploymentLimits(Integer.MAX_VALUE, Integer.MAX_VALUE,
                limits.statementTimeout(), limits.lockTimeout());
        try {
            List<Statement> again = ScriptParser.parse(String.join(";\n", texts), unbounded);
            if (again.size() == texts.size()) {
                return again.stream().map(DeploymentScript::deparsed).toList();
            }
        } catch (ScriptRefused e) {
            // one statement does not read back: find it, one at a time
        }
        List<String> one = new ArrayList<>();
        for (String text : texts) {
            try {
                List<Statement> again = ScriptParser.parse(text, unbounded);
                one.add(again.size() == 1 ? deparsed(again.get(0)) : null);
            } catch (ScriptRefused e) {
                one.add(null);
            }
        }
        return one;
    }

    private static void oneQuery(String sql) {
        List<NativeQuery> queries;
        try {
            queries = Parser.parseJdbcSql(sql, true, true, true, false, false);
        } catch (SQLException e) {
            throw new StatementChecker.Refusal("cannot be sent as one statement: " + e.getMessage());
        }
        if (queries.size() != 1) {
            throw new StatementChecker.Refusal("would be sent as " + queries.size() + " statements");
        }
        if (queries.get(0).bindPositions.length > 0) {
            throw new StatementChecker.Refusal("holds a ? that the driver would take for a parameter");
        }
    }

    private static String label(int number, String sql) {
        return "Statement " + number + " (" + ScriptRefused.firstLine(sql) + "): ";
    }
}
