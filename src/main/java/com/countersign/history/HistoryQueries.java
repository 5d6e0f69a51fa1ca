package com.countersign.history;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.ProformaSource;
import com.countersign.proforma.ProformaStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the version tables: a row's timeline and its state as of a moment. */
@Repository
class HistoryQueries {

    private final JdbcClient jdbc;

    HistoryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Who, as a reader should take it: the person the portal named, unless the write came without one
     * or from another database role than the portal's own (this query's session_user) — then "via
     * SQL as" the role that really wrote. Versions from before 017 carry no origin and show the actor.
     */
    private static final String WHO = """
            case when db_user is null or (app_actor is not null and db_user = session_user) then actor
                 when app_actor is null then 'via SQL as ' || db_user
                 else app_actor || ' via SQL as ' || db_user end""";

    List<HistoryEntry> timeline(long proformaId) {
        return jdbc.sql("""
                select txid, min(valid_from) as at, min(actor) as actor, min(reason) as reason,
                       min(change_set_id) as change_set_id,
                       string_agg(distinct part || ':' || operation, ',') as parts
                  from (select txid, valid_from, %1$s as actor, reason, change_set_id, operation, 'H' as part
                          from proforma_version where proforma_id = :id
                        union all
                        select txid, valid_from, %1$s as actor, reason, change_set_id, operation, 'L' as part
                          from proforma_line_version where proforma_id = :id) v
                 group by txid
                 order by min(valid_from) desc, txid desc
                """.formatted(WHO))
                .param("id", proformaId)
                .query((rs, n) -> new HistoryEntry(rs.getLong("txid"), instant(rs, "at"), rs.getString("actor"),
                        rs.getString("reason"), (Long) rs.getObject("change_set_id"), describe(rs.getString("parts"))))
                .list();
    }

    /** The header version valid at {@code at}, deleted or not; empty when the proforma did not exist yet. */
    Optional<HeaderRow> header(long proformaId, Instant at) {
        return jdbc.sql("""
                select * from proforma_version
                 where proforma_id = :id and valid_from <= :at
                 order by version_id desc
                 limit 1
                """)
                .param("id", proformaId)
                .param("at", Timestamp.from(at))
                .query(HistoryQueries::headerRow)
                .optional();
    }

    Optional<HeaderRow> latestHeader(long proformaId) {
        return jdbc.sql("select * from proforma_version where proforma_id = :id order by version_id desc limit 1")
                .param("id", proformaId)
                .query(HistoryQueries::headerRow)
                .optional();
    }

    List<ProformaLine> lines(long proformaId, Instant at) {
        return jdbc.sql("""
                select * from (
                    select distinct on (position) position, operation, description, quantity, unit_price, tax_rate
                      from proforma_line_version
                     where proforma_id = :id and valid_from <= :at
                     order by position, version_id desc) l
                 where operation <> 'D'
                 order by position
                """)
                .param("id", proformaId)
                .param("at", Timestamp.from(at))
                .query((rs, n) -> new ProformaLine(rs.getString("description"), rs.getBigDecimal("quantity"),
                        rs.getBigDecimal("unit_price"), rs.getBigDecimal("tax_rate")))
                .list();
    }

    record HeaderRow(long proformaId, boolean deleted, String number, ProformaSource source, String customerName,
            String customerAddress, String customerVatId, LocalDate issueDate, LocalDate validUntil,
            Currency currency, ProformaStatus status, String notes, int version, Instant validFrom, String actor,
            String reason, Long changeSetId, Instant createdAt, String createdBy) {

        ProformaVersion with(List<ProformaLine> lines) {
            ProformaContent content = new ProformaContent(customerName, customerAddress, customerVatId, issueDate,
                    validUntil, currency, status, notes, lines);
            return new ProformaVersion(proformaId, number, source, content, version, validFrom, actor, reason,
                    changeSetId, createdAt, createdBy);
        }
    }

    static HeaderRow headerRow(ResultSet rs, int n) throws SQLException {
        return new HeaderRow(rs.getLong("proforma_id"), "D".equals(rs.getString("operation")), rs.getString("number"),
                ProformaSource.valueOf(rs.getString("source")), rs.getString("customer_name"),
                rs.getString("customer_address"), rs.getString("customer_vat_id"),
                rs.getObject("issue_date", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                Currency.getInstance(rs.getString("currency")), ProformaStatus.valueOf(rs.getString("status")),
                rs.getString("notes"), rs.getInt("version"), instant(rs, "valid_from"), rs.getString("actor"),
                rs.getString("reason"), (Long) rs.getObject("change_set_id"), instant(rs, "created_at"),
                rs.getString("created_by"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static String describe(String parts) {
        if (parts.contains("H:I")) {
            return "Created";
        }
        if (parts.contains("H:D")) {
            return "Deleted";
        }
        return parts.contains("H:U") ? "Edited" : "Lines edited";
    }
}
