package com.countersign.deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Reads a data-fix script with a real SQL parser (JSqlParser) and admits only INSERT, UPDATE and
 * DELETE on the proforma tables. Reading other tables is refused too, also in subqueries, joins
 * and CTEs: no whitelist, because a fix to proformas should be expressible from proformas alone
 * and every extra table is one more thing a reviewer has to reason about.
 */
final class DeploymentScript {

    static final Set<String> TABLES = Set.of("proforma", "proforma_line");

    private static final Set<String> DDL = Set.of("create", "alter", "drop", "truncate", "comment", "grant",
            "revoke", "rename", "reindex", "cluster", "vacuum", "analyze", "refresh", "security");
    private static final Set<String> TRANSACTION = Set.of("begin", "start", "commit", "end", "rollback", "savepoint",
            "release", "abort", "prepare");
    private static final Set<String> SETTINGS = Set.of("set", "reset");
    private static final Set<String> NOT_DML = Set.of("copy", "do", "call", "execute", "lock", "listen", "notify",
            "load", "discard", "select", "values", "table", "explain", "merge", "declare", "fetch", "move", "close");
    private static final Set<String> ESCAPING_FUNCTIONS = Set.of("pg_terminate_backend", "pg_cancel_backend",
            "set_config", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "copy", "pg_sleep",
            "pg_reload_conf", "pg_notify", "pg_logical_emit_message", "query_to_xml", "query_to_xml_and_xmlschema",
            "table_to_xml", "cursor_to_xml", "pg_switch_wal", "pg_create_restore_point");
    private static final List<String> ESCAPING_PREFIXES = List.of("dblink", "pg_advisory", "pg_try_advisory", "lo_",
            "pg_file_", "countersign_");
    private static final Pattern KEY_PREDICATE = Pattern.compile(
            "(?i)(^|[^a-z0-9_])(id|proforma_id|number)\\s*(=|in\\s*\\(|between\\s)");

    private DeploymentScript() {}

    /** The statements, or {@link ScriptRefused} naming every statement that may not run. */
    static List<ScriptStatement> parse(String script) {
        if (script == null || script.isBlank()) {
            throw new ScriptRefused(List.of("The script is empty"));
        }
        List<String> texts = ScriptSplitter.split(script);
        if (texts.isEmpty()) {
            throw new ScriptRefused(List.of("The script holds only comments"));
        }
        List<ScriptStatement> statements = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String sql = texts.get(i);
            String where = "Statement " + (i + 1) + " (" + ScriptRefused.firstLine(sql) + "): ";
            try {
                statements.add(check(i + 1, sql));
            } catch (Refusal refusal) {
                problems.add(where + refusal.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScriptRefused(problems);
        }
        return statements;
    }

    private static ScriptStatement check(int number, String sql) {
        String keyword = sql.split("[\\s(;]+", 2)[0].toLowerCase(Locale.ROOT);
        if (DDL.contains(keyword)) {
            throw new Refusal("DDL (" + keyword.toUpperCase(Locale.ROOT) + ") is not allowed; schema changes go through Liquibase");
        }
        if (TRANSACTION.contains(keyword)) {
            throw new Refusal("transaction control (" + keyword.toUpperCase(Locale.ROOT)
                    + ") is not allowed; the whole script runs in one transaction");
        }
        if (SETTINGS.contains(keyword)) {
            throw new Refusal(keyword.toUpperCase(Locale.ROOT) + " is not allowed; session settings could switch the guard off");
        }
        if (NOT_DML.contains(keyword)) {
            throw new Refusal("only INSERT, UPDATE and DELETE are allowed, this is " + keyword.toUpperCase(Locale.ROOT));
        }
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException | RuntimeException e) {
            throw new Refusal("cannot be parsed: " + firstLineOf(e));
        }
        Table target;
        Expression where = null;
        String operation;
        List<WithItem<?>> with;
        if (statement instanceof Insert insert) {
            target = insert.getTable();
            operation = "INSERT";
            with = insert.getWithItemsList();
        } else if (statement instanceof Update update) {
            target = update.getTable();
            where = update.getWhere();
            operation = "UPDATE";
            with = update.getWithItemsList();
        } else if (statement instanceof Delete delete) {
            target = delete.getTable();
            where = delete.getWhere();
            operation = "DELETE";
            with = delete.getWithItemsList();
        } else {
            throw new Refusal("only INSERT, UPDATE and DELETE are allowed, this is " + kindOf(statement));
        }
        String table = normalized(target.getFullyQualifiedName());
        if (!TABLES.contains(table)) {
            throw new Refusal(operation + " on " + target.getFullyQualifiedName() + " is not allowed; only proforma and proforma_line");
        }
        Finder finder = new Finder();
        Set<String> read = new HashSet<>();
        finder.getTables(statement).forEach(name -> read.add(normalized(name)));
        if (statement instanceof Update update) {
            // the finder does not look into SET values, where a scalar subquery can read anything
            update.getUpdateSets().forEach(set -> set.getValues().accept(finder, null));
        }
        if (with != null) {
            with.forEach(item -> finder.visit(item, null)); // not every statement's CTEs are visited
        }
        finder.tables.forEach(name -> read.add(normalized(name)));
        if (with != null) {
            with.forEach(item -> read.remove(normalized(item.getAliasName())));
        }
        read.removeAll(TABLES);
        if (!read.isEmpty()) {
            throw new Refusal("uses other tables (" + String.join(", ", read.stream().sorted().toList())
                    + "); a deployment reads and writes proforma and proforma_line only");
        }
        List<String> escaping = finder.functions.stream().filter(DeploymentScript::escapes).sorted().toList();
        if (!escaping.isEmpty()) {
            throw new Refusal("calls " + String.join(", ", escaping)
                    + ", which could escape the transaction or the guard");
        }
        boolean key = where != null && KEY_PREDICATE.matcher(where.toString()).find();
        return new ScriptStatement(number, sql, table, operation, operation.equals("INSERT") || key);
    }

    private static boolean escapes(String function) {
        String name = function.substring(function.lastIndexOf('.') + 1);
        return ESCAPING_FUNCTIONS.contains(name) || ESCAPING_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static String normalized(String name) {
        if (name == null) {
            return "";
        }
        String plain = name.replace("\"", "").toLowerCase(Locale.ROOT);
        return plain.startsWith("public.") ? plain.substring("public.".length()) : plain;
    }

    private static String kindOf(Statement statement) {
        return statement.getClass().getSimpleName().replace("Statement", "").toUpperCase(Locale.ROOT);
    }

    private static String firstLineOf(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /** Tables as the parser sees them, plus the name of every function called anywhere. */
    private static final class Finder extends TablesNamesFinder<Void> {

        final Set<String> functions = new HashSet<>();
        final Set<String> tables = new HashSet<>();

        @Override
        public <S> Void visit(Table table, S context) {
            tables.add(table.getFullyQualifiedName());
            return super.visit(table, context);
        }

        @Override
        public <S> Void visit(Function function, S context) {
            functions.add(normalized(function.getName()));
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(TableFunction tableFunction, S context) {
            functions.add(normalized(tableFunction.getFunction().getName()));
            return super.visit(tableFunction, context);
        }
    }

    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
