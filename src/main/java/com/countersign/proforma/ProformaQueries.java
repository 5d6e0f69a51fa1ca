package com.countersign.proforma;

import com.countersign.base.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The list's reads. Filters, sort and paging all happen in SQL; a page never loads more than its
 * own rows and their lines.
 */
@Repository
class ProformaQueries {

    private final JdbcClient jdbc;

    ProformaQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int count(ProformaFilter filter) {
        useCustomPlans();
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "select count(*) from proforma p" + where(filter, params);
        return jdbc.sql(sql).paramSource(params).query(Integer.class).single();
    }

    /**
     * The planner's guess at the number of matching rows, from the table's statistics: a
     * fraction of a millisecond where {@link #count} reads every matching index entry. Good
     * enough to size the grid's scrollbar until the exact count arrives.
     */
    int estimate(ProformaFilter filter) {
        // EXPLAIN plans with the bound values every time: no plan cache to steer, one round trip
        MapSqlParameterSource params = new MapSqlParameterSource();
        String plan = jdbc.sql("explain select 1 from proforma p" + where(filter, params)).paramSource(params)
                .query(String.class).list().get(0);
        Matcher rows = PLANNED_ROWS.matcher(plan);
        return rows.find() ? Integer.parseInt(rows.group(1)) : 0;
    }

    private static final Pattern PLANNED_ROWS = Pattern.compile(" rows=(\\d+)");

    /**
     * One page in the given order. The inner select finds the page's ids reading only what the
     * filter and the order need, which the list's indexes hold (index-only scans), so the rows
     * stepped over are never fetched from the table; only the page's own rows are. Deep pages are
     * read from the nearer end (see {@link PageWindow}); the caller runs this in a repeatable-read
     * transaction, so the count behind that choice and the read see the same rows.
     */
    List<ProformaSummary> page(ProformaFilter filter, List<ProformaSort.Order> sort, int offset, int limit) {
        PageWindow window = PageWindow.of(offset, limit, () -> count(filter));
        if (window.isEmpty()) {
            return List.of();
        }
        useCustomPlans();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("offset", window.offset())
                .addValue("limit", window.limit());
        String sql = """
                select p.id, p.number, p.customer_name, p.issue_date, p.valid_until, p.status, p.currency,
                       p.updated_at, p.updated_by
                  from (select p.id
                          from proforma p%s%s
                        offset :offset limit :limit) page
                  join proforma p on p.id = page.id%s""".formatted(
                where(filter, params), orderBy(sort, window.fromEnd()), orderBy(sort, false));
        List<Row> rows = jdbc.sql(sql).paramSource(params).query(ProformaQueries::row).list();
        Map<Long, List<ProformaLine>> lines = linesOf(rows.stream().map(Row::id).toList());
        return rows.stream()
                .map(r -> r.summary(Totals.of(r.currency(), lines.getOrDefault(r.id(), List.of())).gross()))
                .toList();
    }

    /**
     * Whole proformas for printing, in id order after {@code afterId}: a keyset page, so a pack of
     * any size is read a page at a time and every page costs the same.
     */
    List<ProformaSnapshot> fullPage(ProformaFilter filter, long afterId, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("after", afterId)
                .addValue("limit", limit);
        String where = where(filter, params);
        String sql = FULL_COLUMNS + where + (where.isEmpty() ? " where" : " and")
                + " p.id > :after order by p.id limit :limit";
        return withLines(jdbc.sql(sql).paramSource(params).query(ProformaQueries::fullRow).list());
    }

    List<ProformaSnapshot> full(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withLines(jdbc.sql(FULL_COLUMNS + " where p.id in (:ids) order by p.id").param("ids", ids)
                .query(ProformaQueries::fullRow).list());
    }

    private static final String FULL_COLUMNS = """
            select p.id, p.version, p.number, p.source, p.customer_name, p.customer_address, p.customer_vat_id,
                   p.issue_date, p.valid_until, p.currency, p.status, p.notes, p.created_at, p.created_by,
                   p.updated_at, p.updated_by
              from proforma p""";

    private List<ProformaSnapshot> withLines(List<FullRow> rows) {
        Map<Long, List<ProformaLine>> lines = linesOf(rows.stream().map(FullRow::id).toList());
        return rows.stream().map(r -> r.snapshot(lines.getOrDefault(r.id(), List.of()))).toList();
    }

    private static FullRow fullRow(ResultSet rs, int rowNum) throws SQLException {
        return new FullRow(rs.getLong("id"), rs.getInt("version"), rs.getString("number"),
                ProformaSource.valueOf(rs.getString("source")), rs.getString("customer_name"),
                rs.getString("customer_address"), rs.getString("customer_vat_id"),
                rs.getObject("issue_date", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                Currency.getInstance(rs.getString("currency")), ProformaStatus.valueOf(rs.getString("status")),
                rs.getString("notes"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private record FullRow(long id, int version, String number, ProformaSource source, String customerName,
            String customerAddress, String customerVatId, LocalDate issueDate, LocalDate validUntil,
            Currency currency, ProformaStatus status, String notes, Instant createdAt, String createdBy,
            Instant updatedAt, String updatedBy) {

        ProformaSnapshot snapshot(List<ProformaLine> lines) {
            ProformaContent content = new ProformaContent(customerName, customerAddress, customerVatId, issueDate,
                    validUntil, currency, status, notes, lines);
            return new ProformaSnapshot(id, version, number, source, content, Totals.of(currency, lines), createdAt,
                    createdBy, updatedAt, updatedBy);
        }
    }

    /**
     * The best plan depends on the values: a prefix matching 0.1% or 40% of the rows, offset 0 or
     * 3,000. Once the driver has prepared a statement, PostgreSQL may switch to one generic plan
     * for all values, made without them; the list measured ten times slower that way on a deep
     * page. Planning anew costs a fraction of a millisecond. Local to the current transaction.
     */
    private void useCustomPlans() {
        jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true)").query().singleRow();
    }

    private Map<Long, List<ProformaLine>> linesOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<ProformaLine>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                select proforma_id, description, quantity, unit_price, tax_rate
                  from proforma_line
                 where proforma_id in (:ids)
                 order by proforma_id, position
                """)
                .param("ids", ids)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong("proforma_id"), id -> new ArrayList<>())
                            .add(new ProformaLine(rs.getString("description"), rs.getBigDecimal("quantity"),
                                    rs.getBigDecimal("unit_price"), rs.getBigDecimal("tax_rate")));
                });
        return lines;
    }

    static SqlCondition condition(ProformaFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        return new SqlCondition(where, params.getValues());
    }

    private static String where(ProformaFilter filter, MapSqlParameterSource params) {
        StringJoiner where = new StringJoiner(" and ", " where ", "").setEmptyValue("");
        if (filter.numberPrefix() != null) {
            // case is folded by PostgreSQL on both sides, never by Java's default locale
            where.add("p.number like upper(:number)");
            params.addValue("number", likePrefix(filter.numberPrefix()));
        }
        if (filter.customerPrefix() != null) {
            where.add("lower(p.customer_name) like lower(:customer)");
            params.addValue("customer", likePrefix(filter.customerPrefix()));
        }
        if (!filter.statuses().isEmpty()) {
            where.add("p.status in (:statuses)");
            params.addValue("statuses", filter.statuses().stream().map(Enum::name).collect(Collectors.toList()));
        }
        if (filter.issuedFrom() != null) {
            where.add("p.issue_date >= :from");
            params.addValue("from", filter.issuedFrom());
        }
        if (filter.issuedTo() != null) {
            where.add("p.issue_date <= :to");
            params.addValue("to", filter.issuedTo());
        }
        return where.toString();
    }

    private static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * The order, or its exact reverse: every sortable column is NOT NULL and the id breaks ties, so
     * the order is total and reading it backwards yields the same rows in mirror image.
     */
    private static String orderBy(List<ProformaSort.Order> sort, boolean reversed) {
        List<ProformaSort.Order> effective =
                sort.isEmpty() ? List.of(new ProformaSort.Order(ProformaSort.ISSUE_DATE, true)) : sort;
        StringJoiner order = new StringJoiner(", ", " order by ", "");
        boolean lastDescending = true;
        for (ProformaSort.Order o : effective) {
            order.add(o.column().column + (o.descending() != reversed ? " desc" : ""));
            lastDescending = o.descending();
        }
        // a unique tie-breaker keeps pages stable while rows share a sort value
        order.add("p.id" + (lastDescending != reversed ? " desc" : ""));
        return order.toString();
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("number"), rs.getString("customer_name"),
                rs.getObject("issue_date", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class),
                ProformaStatus.valueOf(rs.getString("status")), Currency.getInstance(rs.getString("currency")),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private record Row(long id, String number, String customerName, LocalDate issueDate,
            LocalDate validUntil, ProformaStatus status, Currency currency, Instant updatedAt,
            String updatedBy) {

        ProformaSummary summary(Money gross) {
            return new ProformaSummary(id, number, customerName, issueDate, validUntil, status, gross, updatedAt,
                    updatedBy);
        }
    }
}
