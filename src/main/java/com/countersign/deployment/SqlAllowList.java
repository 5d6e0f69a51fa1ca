package com.countersign.deployment;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a deployment statement may call: pure functions that compute a value from their arguments
 * (arithmetic, rounding, strings, dates and times, coalesce and friends, the usual aggregates) and
 * casts to plain types. Everything else is refused, because PostgreSQL has hundreds of functions
 * that read other tables ({@code query_to_xml}, {@code ts_stat}), files, settings
 * ({@code set_config}), sequences ({@code setval}) or other sessions ({@code pg_stat_get_activity}),
 * and a deny-list is always one function short. Documented in the README.
 */
final class SqlAllowList {

    static final Set<String> FUNCTIONS = Set.of(
            // arithmetic and rounding
            "abs", "ceil", "ceiling", "floor", "round", "trunc", "mod", "div", "power", "sqrt", "sign",
            // choosing a value
            "coalesce", "nullif", "greatest", "least",
            // strings
            "lower", "upper", "initcap", "length", "char_length", "character_length", "substr", "substring",
            "left", "right", "lpad", "rpad", "trim", "btrim", "ltrim", "rtrim", "replace", "concat", "concat_ws",
            "position", "strpos", "split_part", "reverse", "repeat", "translate", "regexp_replace", "starts_with",
            // dates and times
            "now", "current_date", "current_timestamp", "localtimestamp", "date_trunc", "date_part", "extract", "age",
            "make_date", "make_interval", "justify_days", "to_char", "to_date", "to_timestamp", "to_number",
            // aggregates and ranking
            "count", "sum", "min", "max", "avg", "row_number", "rank", "dense_rank");

    static final Set<String> CAST_TYPES = Set.of("text", "varchar", "character varying", "char", "character",
            "bpchar", "smallint", "integer", "int", "int2", "int4", "int8", "bigint", "numeric", "decimal", "real",
            "double precision", "float", "float4", "float8", "boolean", "bool", "date", "time", "timestamp",
            "timestamptz", "timestamp with time zone", "timestamp without time zone", "interval");

    /**
     * Parser nodes that are no plain value: bind parameters (pgjdbc would take {@code ?} for one),
     * session variables, sequence access and dialect functions that the allow-list cannot see by name.
     */
    static final Set<String> REFUSED_NODES = Set.of("JdbcParameter", "JdbcNamedParameter", "UserVariable",
            "NumericBind", "NextValExpression", "VariableAssignment", "KeepExpression", "MySQLGroupConcat",
            "FullTextSearch", "JsonFunction", "JsonAggregateFunction", "XMLSerializeExpr", "ConnectByRootOperator",
            "ConnectByPriorOperator", "OracleHierarchicalExpression", "OracleNamedFunctionParameter", "OracleHint",
            "TranscodingFunction", "StructType", "LambdaExpression", "Execute", "Block");

    private SqlAllowList() {}

    /** A function's name as PostgreSQL resolves it: unquoted parts fold to lower case; only pg_catalog may qualify it. */
    static String functionName(List<String> parts) {
        List<String> folded = parts.stream().map(SqlAllowList::fold).toList();
        if (folded.size() == 2 && folded.get(0).equals("pg_catalog")) {
            return folded.get(1);
        }
        return String.join(".", folded);
    }

    static boolean functionAllowed(String name) {
        return FUNCTIONS.contains(name);
    }

    static boolean castAllowed(String dataType) {
        String type = dataType.toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\[\\s*\\d*\\s*]", "")
                .replaceAll("\\(.*\\)", "").replaceAll("\\s+", " ").strip();
        if (type.startsWith("pg_catalog.")) {
            type = type.substring("pg_catalog.".length());
        }
        return CAST_TYPES.contains(type);
    }

    /** PostgreSQL's rule: {@code "PROFORMA"} keeps its case (and is not proforma), {@code PROFORMA} folds to proforma. */
    static String fold(String identifier) {
        if (identifier == null) {
            return null;
        }
        String name = identifier.strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
