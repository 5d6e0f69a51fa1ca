package com.countersign.deployment;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Judges one parsed statement: INSERT, UPDATE or DELETE on a proforma table, reading only the
 * proforma tables and CTEs over them, calling only what {@link SqlAllowList} allows, anywhere in
 * the statement. CTEs stand at the top of the statement only, each a plain SELECT that reads
 * real tables, so a name always means one thing: {@code with app_user as (select * from app_user)}
 * reads app_user, and is refused for it.
 */
final class StatementChecker {

    static final Set<String> TABLES = Set.of("proforma", "proforma_line");
    private static final Set<String> WRITES = Set.of("Insert", "Update", "Delete", "Merge", "Upsert",
            "ParenthesedInsert", "ParenthesedUpdate", "ParenthesedDelete");

    private final Statement statement;
    private final Set<Object> topCtes = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> cteNames = new HashSet<>();

    private StatementChecker(Statement statement) {
        this.statement = statement;
    }

    /** The statement's target and key predicate, or {@link Refusal} saying what may not run. */
    static ScriptStatement check(int number, Statement statement, String sql) {
        return new StatementChecker(statement).check(number, sql);
    }

    private ScriptStatement check(int number, String sql) {
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
            throw new Refusal(notDml());
        }
        String table = realTable(target);
        if (!TABLES.contains(table)) {
            throw new Refusal(operation + " on " + target.getFullyQualifiedName()
                    + " is not allowed; only proforma and proforma_line");
        }
        for (WithItem<?> item : with == null ? List.<WithItem<?>>of() : with) {
            cte(item);
        }
        SqlTree.walk(statement, node -> visit(node, false));
        return new ScriptStatement(number, sql, table, operation, operation.equals("INSERT") || KeyPredicate.pins(where));
    }

    private void cte(WithItem<?> item) {
        String name = SqlAllowList.fold(item.getAliasName());
        if (item.isRecursive()) {
            throw new Refusal("WITH RECURSIVE is not allowed");
        }
        if (TABLES.contains(name) || !cteNames.add(name)) {
            throw new Refusal("the CTE " + item.getAliasName() + " shadows a table or another CTE; give it a name of its own");
        }
        if (!(item.getParenthesedStatement() instanceof ParenthesedSelect body)) {
            throw new Refusal("the CTE " + item.getAliasName() + " does not SELECT; a CTE may only read");
        }
        topCtes.add(item);
        SqlTree.walk(body, node -> visit(node, true));
    }

    /** True to go below the node; a refusal for anything not allowed. */
    private boolean visit(Object node, boolean inCteBody) {
        String kind = node.getClass().getSimpleName();
        if (topCtes.contains(node)) {
            return false; // checked on its own, where other CTE names do not count
        }
        if (node instanceof WithItem<?> item) {
            throw new Refusal("WITH " + item.getAliasName() + " inside another statement or CTE is not allowed; "
                    + "put every CTE at the top of the statement");
        }
        if (node != statement && WRITES.contains(kind)) {
            throw new Refusal("a statement inside another one may only SELECT");
        }
        if (SqlAllowList.REFUSED_NODES.contains(kind)) {
            throw new Refusal(kind + " (" + firstLine(node) + ") is not allowed");
        }
        if (node instanceof ReturningClause) {
            throw new Refusal("RETURNING is not allowed; a deployment returns no rows");
        }
        if (node instanceof PlainSelect select && select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
            throw new Refusal("SELECT INTO is not allowed");
        }
        if (node instanceof Function function) {
            List<String> parts = function.getMultipartName();
            if (parts == null || parts.isEmpty() || parts.contains(null)) {
                String text = String.valueOf(function); // some dialect forms keep no name parts
                parts = List.of(text.substring(0, Math.max(0, text.indexOf('('))).strip());
            }
            function(SqlAllowList.functionName(parts));
        } else if (node instanceof AnalyticExpression analytic) {
            function(SqlAllowList.functionName(List.of(analytic.getName())));
        } else if (node instanceof CastExpression cast && !SqlAllowList.castAllowed(cast.getColDataType().toString())) {
            throw new Refusal("cast to " + cast.getColDataType() + " is not allowed; only plain types ("
                    + String.join(", ", SqlAllowList.CAST_TYPES.stream().sorted().toList()) + ")");
        } else if (node instanceof Table table) {
            read(table, inCteBody);
        }
        return true;
    }

    private static void function(String name) {
        if (!SqlAllowList.functionAllowed(name)) {
            throw new Refusal("function " + name + " is not allowed");
        }
    }

    private void read(Table table, boolean inCteBody) {
        String name = realTable(table);
        boolean cte = !inCteBody && table.getSchemaName() == null && cteNames.contains(name);
        if (!cte && !TABLES.contains(name)) {
            throw new Refusal("uses " + table.getFullyQualifiedName()
                    + "; a deployment reads and writes proforma and proforma_line only");
        }
    }

    /** The table a name resolves to in the public schema, or the name as written if it is anywhere else. */
    private static String realTable(Table table) {
        String schema = SqlAllowList.fold(table.getSchemaName());
        if (table.getNameParts().size() > 2
                || (schema != null && !schema.equals("public"))) {
            return table.getFullyQualifiedName();
        }
        return SqlAllowList.fold(table.getName());
    }

    private String notDml() {
        String kind = statement.getClass().getSimpleName();
        String word = firstLine(statement).split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (Set.of("Commit", "RollbackStatement", "SavepointStatement", "Block").contains(kind)) {
            return "transaction control (" + word + ") is not allowed; the whole script runs in one transaction";
        }
        if (Set.of("SetStatement", "ResetStatement").contains(kind)) {
            return word + " is not allowed; session settings could switch the guard off";
        }
        if (kind.startsWith("Create") || kind.startsWith("Alter") || Set.of("Drop", "Truncate", "Comment", "Grant",
                "RenameTableStatement", "RefreshMaterializedViewStatement", "AnalyzeStatement").contains(kind)) {
            return "DDL (" + word + ") is not allowed; schema changes go through Liquibase";
        }
        return "only INSERT, UPDATE and DELETE are allowed, this is " + word;
    }

    private static String firstLine(Object node) {
        return ScriptRefused.firstLine(String.valueOf(node));
    }

    /** Why a statement may not run; its message follows "Statement N (first line): ". */
    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
