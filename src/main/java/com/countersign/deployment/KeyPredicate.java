package com.countersign.deployment;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;

/**
 * Whether a WHERE clause pins the rows by key: {@code id}, {@code proforma_id} or {@code number}
 * compared with a constant ({@code =}), a list of constants ({@code IN}) or a narrow range
 * ({@code BETWEEN}), as one of the conditions joined by AND. Read on the expression tree, not the
 * text: {@code id = id}, {@code id = 1 OR true}, {@code id IN (select ...)}, a range over
 * everything and {@code 'id = 1'} inside a string pin nothing.
 */
final class KeyPredicate {

    static final Set<String> KEYS = Set.of("id", "proforma_id", "number");
    /** A BETWEEN over more keys than this is a filter, not a key. */
    static final long MAX_RANGE = 1000;
    private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d{1,18})");

    private KeyPredicate() {}

    static boolean pins(Expression where) {
        Expression e = unwrap(where);
        if (e instanceof AndExpression and) {
            return pins(and.getLeftExpression()) || pins(and.getRightExpression());
        }
        if (e instanceof EqualsTo equals) {
            return key(equals.getLeftExpression()) && constant(equals.getRightExpression())
                    || key(equals.getRightExpression()) && constant(equals.getLeftExpression());
        }
        if (e instanceof InExpression in && in.getRightExpression() instanceof AndExpression and) {
            return pinsMisreadIn(in, and);
        }
        if (e instanceof InExpression in) {
            return !in.isNot() && key(in.getLeftExpression()) && in.getRightExpression() instanceof ExpressionList<?> list
                    && !list.isEmpty() && list.stream().allMatch(KeyPredicate::constant);
        }
        if (e instanceof Between between) {
            return !between.isNot() && key(between.getLeftExpression())
                    && narrow(unwrap(between.getBetweenExpressionStart()), unwrap(between.getBetweenExpressionEnd()));
        }
        return false;
    }

    /**
     * JSqlParser 5.3 reads {@code x IN (1, 2) AND y} as {@code x IN ((1, 2) AND y)}; PostgreSQL (and
     * the deparsed text that runs) as {@code (x IN (1, 2)) AND y}. Judged as PostgreSQL reads it.
     */
    private static boolean pinsMisreadIn(InExpression in, AndExpression and) {
        List<Expression> conditions = new ArrayList<>();
        Expression leftmost = and;
        while (leftmost instanceof AndExpression a) {
            conditions.add(a.getRightExpression());
            leftmost = a.getLeftExpression();
        }
        InExpression first = new InExpression(in.getLeftExpression(), leftmost);
        first.setNot(in.isNot());
        conditions.add(first);
        return conditions.stream().anyMatch(KeyPredicate::pins);
    }

    private static Expression unwrap(Expression e) {
        Expression inner = e;
        while (true) {
            if (inner instanceof Parenthesis parenthesis) {
                inner = parenthesis.getExpression();
            } else if (inner instanceof ExpressionList<?> list && list.size() == 1 && list.get(0) != null) {
                inner = list.get(0); // (a = 1)
            } else {
                return inner;
            }
        }
    }

    private static boolean key(Expression e) {
        return unwrap(e) instanceof Column column && KEYS.contains(SqlAllowList.fold(column.getColumnName()));
    }

    private static boolean constant(Expression e) {
        Expression inner = unwrap(e);
        if (inner instanceof CastExpression cast) {
            inner = unwrap(cast.getLeftExpression());
        }
        if (inner instanceof SignedExpression signed) {
            inner = unwrap(signed.getExpression());
        }
        return inner instanceof LongValue || inner instanceof StringValue;
    }

    private static boolean narrow(Expression low, Expression high) {
        if (!constant(low) || !constant(high)) {
            return false;
        }
        BigInteger from = numberIn(low);
        BigInteger to = numberIn(high);
        if (low instanceof StringValue a && high instanceof StringValue b) {
            Matcher x = NUMBERED.matcher(a.getValue());
            Matcher y = NUMBERED.matcher(b.getValue());
            if (!x.matches() || !y.matches() || !x.group(1).equals(y.group(1))) {
                return false;
            }
            from = new BigInteger(x.group(2));
            to = new BigInteger(y.group(2));
        }
        return from != null && to != null && to.subtract(from).compareTo(BigInteger.valueOf(MAX_RANGE)) < 0;
    }

    private static BigInteger numberIn(Expression e) {
        Expression inner = e;
        boolean negative = false;
        if (inner instanceof SignedExpression signed) {
            negative = signed.getSign() == '-';
            inner = unwrap(signed.getExpression());
        }
        if (inner instanceof LongValue value) {
            BigInteger n = value.getBigIntegerValue();
            return negative ? n.negate() : n;
        }
        return null;
    }
}
