package com.countersign.history;

import com.countersign.base.Money;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.ProformaStatus;
import com.countersign.proforma.ProformaSummary;
import com.countersign.proforma.SqlCondition;
import com.countersign.proforma.Totals;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All proformas as they were at a moment, filtered and paged in SQL, read only. */
@Repository
class AsOfQueries {

    private static final String AS_OF = """
            with at_t as (
                select distinct on (proforma_id) *
                  from proforma_version
                 where valid_from <= :at
                 order by proforma_id, version_id desc)
            """;

    private final JdbcClient jdbc;

    AsOfQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int count(ProformaFilter filter, Instant at) {
        MapSqlParameterSource params = new MapSqlParameterSource("at", Timestamp.from(at));
        return jdbc.sql(AS_OF + "select count(*) from at_t p" + where(filter, params))
                .paramSource(params).query(Integer.class).single();
    }

    List<ProformaSummary> page(ProformaFilter filter, Instant at, int offset, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("at", Timestamp.from(at))
                .addValue("offset", offset).addValue("limit", limit);
        List<Object[]> rows = jdbc.sql(AS_OF + """
                select p.proforma_id, p.number, p.customer_name, p.issue_date, p.valid_until, p.status, p.currency,
                       p.updated_at, p.updated_by
                  from at_t p""" + where(filter, params) + " order by p.issue_date desc, p.proforma_id desc"
                + " offset :offset limit :limit")
                .paramSource(params)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6),
                    rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9)})
                .list();
        Map<Long, List<ProformaLine>> lines = lines(rows.stream().map(r -> (Long) r[0]).toList(), at);
        List<ProformaSummary> result = new ArrayList<>();
        for (Object[] r : rows) {
            Currency currency = Currency.getInstance((String) r[6]);
            Money gross = Totals.of(currency, lines.getOrDefault((Long) r[0], List.of())).gross();
            result.add(new ProformaSummary((Long) r[0], (String) r[1], (String) r[2], (LocalDate) r[3],
                    (LocalDate) r[4], ProformaStatus.valueOf((String) r[5]), gross, (Instant) r[7], (String) r[8]));
        }
        return result;
    }

    /**
     * Whole proformas as they were at {@code at}, in id order after {@code afterId}: one keyset page
     * of a printed pack, so its size never depends on how many proformas there are.
     */
    List<ProformaVersion> fullPage(ProformaFilter filter, Instant at, long afterId, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("at", Timestamp.from(at))
                .addValue("after", afterId).addValue("limit", limit);
        List<HistoryQueries.HeaderRow> headers = jdbc.sql("""
                with at_t as (
                    select distinct on (proforma_id) *
                      from proforma_version
                     where valid_from <= :at and proforma_id > :after
                     order by proforma_id, version_id desc)
                select * from at_t p""" + where(filter, params) + " order by p.proforma_id limit :limit")
                .paramSource(params)
                .query(HistoryQueries::headerRow)
                .list();
        Map<Long, List<ProformaLine>> lines = lines(headers.stream().map(HistoryQueries.HeaderRow::proformaId).toList(), at);
        return headers.stream().map(h -> h.with(lines.getOrDefault(h.proformaId(), List.of()))).toList();
    }

    private Map<Long, List<ProformaLine>> lines(List<Long> ids, Instant at) {
        Map<Long, List<ProformaLine>> lines = new HashMap<>();
        if (ids.isEmpty()) {
            return lines;
        }
        jdbc.sql("""
                select * from (
                    select distinct on (proforma_id, position) proforma_id, position, operation, description,
                           quantity, unit_price, tax_rate
                      from proforma_line_version
                     where proforma_id in (:ids) and valid_from <= :at
                     order by proforma_id, position, version_id desc) l
                 where operation <> 'D'
                 order by proforma_id, position
                """)
                .param("ids", ids)
                .param("at", Timestamp.from(at))
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong("proforma_id"), k -> new ArrayList<>())
                            .add(new ProformaLine(rs.getString("description"), rs.getBigDecimal("quantity"),
                                    rs.getBigDecimal("unit_price"), rs.getBigDecimal("tax_rate")));
                });
        return lines;
    }

    /** The live list's filter (shared with it, so both lists match alike), on versions not deleted. */
    private static String where(ProformaFilter filter, MapSqlParameterSource params) {
        SqlCondition condition = filter.toSql();
        params.addValues(condition.params());
        return condition.where().isEmpty()
                ? " where p.operation <> 'D'"
                : condition.where() + " and p.operation <> 'D'";
    }
}
