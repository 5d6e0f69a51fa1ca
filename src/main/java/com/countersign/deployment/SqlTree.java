package com.countersign.deployment;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllTableColumns;

/**
 * Every node of a parsed statement, found by reflection over JSqlParser's own objects (fields of
 * its types, lists, arrays, maps) rather than through its visitors: a visitor sees only what its
 * author thought of, and the old checker missed ON CONFLICT, RETURNING and CTEs that way. A new
 * clause in a new JSqlParser version is walked without anyone having to remember it.
 */
final class SqlTree {

    private static final String PACKAGE = "net.sf.jsqlparser.";
    /** The parser's own syntax nodes link every statement of the script to every other: not part of one statement. */
    private static final String PARSER = "net.sf.jsqlparser.parser.";
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c.getName().startsWith(PACKAGE); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())
                            && !field.getType().getName().startsWith(PARSER) && !field.getType().isPrimitive()
                            && field.getType() != String.class && !field.getType().isEnum()) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private SqlTree() {}

    /**
     * Visits {@code root} and everything below it once, depth first without recursion (a long chain
     * of {@code a + a + ...} is deep). The visitor answers whether to go below a node.
     */
    static void walk(Object root, Predicate<Object> visitor) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object node = todo.pop();
            if (!seen.add(node)) {
                continue;
            }
            boolean ours = node.getClass().getName().startsWith(PACKAGE);
            if (ours && !visitor.test(node)) {
                continue;
            }
            if (node instanceof Collection<?> items) {
                items.forEach(item -> push(todo, item));
            } else if (node instanceof Map<?, ?> map) {
                map.keySet().forEach(item -> push(todo, item));
                map.values().forEach(item -> push(todo, item));
            } else if (node instanceof Object[] array) {
                for (Object item : array) {
                    push(todo, item);
                }
            }
            if (ours) {
                for (Field field : FIELDS.get(node.getClass())) {
                    if (!qualifierOnly(node, field)) {
                        push(todo, read(field, node));
                    }
                }
            }
        }
    }

    /** The table part of {@code p.id} or {@code p.*} names an alias or a table already in FROM, not a read. */
    private static boolean qualifierOnly(Object node, Field field) {
        return (node instanceof Column || node instanceof AllTableColumns) && field.getName().equals("table");
    }

    private static void push(Deque<Object> todo, Object item) {
        if (item == null || item instanceof String || item instanceof Number || item instanceof Boolean
                || item instanceof Character || item instanceof Enum<?>) {
            return;
        }
        if (item instanceof Collection<?> || item instanceof Map<?, ?> || item instanceof Object[]
                || item.getClass().getName().startsWith(PACKAGE) && !item.getClass().getName().startsWith(PARSER)) {
            todo.push(item);
        }
    }

    private static Object read(Field field, Object node) {
        try {
            return field.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field + " of the parsed statement", e);
        }
    }
}
