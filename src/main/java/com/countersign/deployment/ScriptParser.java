package com.countersign.deployment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * Splits and parses a whole script with JSqlParser's own multi-statement grammar, so that where one
 * statement ends is decided by the same parser that judges it (no hand-written splitter to fool
 * with {@code p$a$}). A script over the limits is refused before any parsing.
 */
final class ScriptParser {

    private static final long TIMEOUT_MS = 20_000;
    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private ScriptParser() {}

    static List<Statement> parse(String script, DeploymentLimits limits) {
        if (script == null || script.isBlank()) {
            throw new ScriptRefused(List.of("The script is empty"));
        }
        int bytes = script.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxScriptBytes()) {
            throw new ScriptRefused(List.of("The script has " + bytes + " bytes; at most " + limits.maxScriptBytes()
                    + " are allowed (countersign.deployment.max-script-bytes); split it into several deployments"));
        }
        CCJSqlParser parser = CCJSqlParserUtil.newParser(script).withTimeOut(TIMEOUT_MS);
        Token first = parser.token;
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deployment-script-parser");
            thread.setDaemon(true);
            return thread;
        });
        List<Statement> statements;
        try {
            statements = new ArrayList<>(CCJSqlParserUtil.parseStatements(parser, executor));
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            throw new ScriptRefused(List.of(unparsable(script, first, e)));
        } finally {
            executor.shutdownNow();
        }
        if (statements.size() > limits.maxStatements()) {
            throw new ScriptRefused(List.of("The script has " + statements.size() + " statements; at most "
                    + limits.maxStatements() + " are allowed (countersign.deployment.max-statements)"));
        }
        if (statements.isEmpty()) {
            throw new ScriptRefused(List.of("The script holds only comments"));
        }
        return statements;
    }

    /** "Statement N (its first line): cannot be parsed at line L, column C: ...", from the parser's own tokens. */
    private static String unparsable(String script, Token first, Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof ParseException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String reason = message.lines().findFirst().orElse(message).strip();
        int line = Integer.MAX_VALUE;
        int column = Integer.MAX_VALUE;
        if (cause instanceof ParseException parse && parse.currentToken != null && parse.currentToken.next != null) {
            line = parse.currentToken.next.beginLine;
            column = parse.currentToken.next.beginColumn;
        } else {
            Matcher at = POSITION.matcher(message);
            if (at.find()) {
                line = Integer.parseInt(at.group(1));
                column = Integer.parseInt(at.group(2));
            }
        }
        if (cause instanceof StackOverflowError) {
            reason = "nested too deeply";
        } else if (message.contains("Time out")) {
            reason = "the parser gave up after " + TIMEOUT_MS / 1000 + " s; simplify the statement";
        }
        int number = 1;
        int startLine = 1;
        boolean content = false;
        for (Token t = first.next; t != null && before(t, line, column); t = t.next) {
            if (t.kind == CCJSqlParserConstants.ST_SEMICOLON) {
                if (content) {
                    number++;
                    content = false;
                }
            } else if (t.kind != CCJSqlParserConstants.EOF) {
                if (!content) {
                    startLine = t.beginLine;
                }
                content = true;
            }
        }
        if (!content && line != Integer.MAX_VALUE) {
            startLine = line; // the statement starts with the token the parser refused
        }
        String where = line == Integer.MAX_VALUE ? "" : " at line " + line + ", column " + column;
        String text = script.lines().skip(startLine - 1L).findFirst().orElse("");
        return "Statement " + number + " (" + ScriptRefused.firstLine(text) + "): cannot be parsed" + where + ": " + reason;
    }

    private static boolean before(Token t, int line, int column) {
        return t.beginLine < line || (t.beginLine == line && t.beginColumn < column);
    }
}
