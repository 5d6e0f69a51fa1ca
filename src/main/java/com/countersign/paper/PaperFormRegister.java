package com.countersign.paper;

import com.countersign.proforma.PaperFormEntered;
import com.countersign.proforma.PaperFormNumbers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reserved paper form numbers, their batches, and which were entered as which proforma. */
@Repository
class PaperFormRegister implements PaperFormNumbers {

    private final JdbcClient jdbc;

    PaperFormRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long reserve(List<String> numbers, String by, String note) {
        long batch = jdbc.sql("""
                insert into paper_batch (form_count, reserved_by, note) values (:count, :by, :note) returning id
                """).param("count", numbers.size()).param("by", by).param("note", note).query(Long.class).single();
        jdbc.sql("""
                insert into paper_number_reservation (number, batch_id, reserved_by)
                select n, :batch, :by from unnest(cast(:numbers as varchar[])) n
                """).param("batch", batch).param("by", by).param("numbers", numbers.toArray(String[]::new)).update();
        return batch;
    }

    /** In the entering transaction: a number that was not reserved, or was entered already, rolls it back. */
    @EventListener
    void entered(PaperFormEntered event) {
        int updated = jdbc.sql("""
                update paper_number_reservation
                   set proforma_id = :proforma, entered_by = :by, entered_at = now()
                 where number = :number and proforma_id is null
                """).param("proforma", event.proformaId()).param("by", event.enteredBy())
                .param("number", event.number()).update();
        if (updated != 1) {
            throw new IllegalArgumentException(event.number() + " is not a reserved paper form number, or it has "
                    + "been entered already; nothing was saved");
        }
    }

    @Override
    public Optional<String> whyNotEnterable(String number) {
        List<Long> entered = jdbc.sql("select proforma_id from paper_number_reservation where number = :number")
                .param("number", number).query((rs, n) -> (Long) rs.getObject("proforma_id")).list();
        if (entered.isEmpty()) {
            return Optional.of(number + " is not a reserved paper form number. Check the number printed on the form; "
                    + "the paper form register lists every reserved number.");
        }
        Long proforma = entered.get(0);
        return proforma == null ? Optional.empty()
                : Optional.of("Paper form " + number + " has been entered already, as proforma " + proforma
                        + " (/proformas/" + proforma + ").");
    }

    List<String> numbers(long batchId, String afterNumber, int limit) {
        return jdbc.sql("""
                select number from paper_number_reservation
                 where batch_id = :batch and number > :after order by number limit :limit
                """).param("batch", batchId).param("after", afterNumber).param("limit", limit)
                .query(String.class).list();
    }

    List<ReservedNumber> page(RegisterFilter filter, int offset, int limit) {
        return jdbc.sql("""
                select number, batch_id, reserved_by, reserved_at, proforma_id, entered_by, entered_at
                  from paper_number_reservation""" + where(filter) + """

                 order by reserved_at desc, number offset :offset limit :limit
                """).param("offset", offset).param("limit", limit).query(PaperFormRegister::reserved).list();
    }

    int count(RegisterFilter filter) {
        return jdbc.sql("select count(*) from paper_number_reservation" + where(filter))
                .query(Integer.class).single();
    }

    List<BlankBatch> batches(int limit) {
        return jdbc.sql("""
                select b.id, b.form_count, b.reserved_by, b.reserved_at, b.note,
                       min(r.number) as first_number, max(r.number) as last_number,
                       count(r.proforma_id) as entered
                  from paper_batch b join paper_number_reservation r on r.batch_id = b.id
                 group by b.id order by b.id desc limit :limit
                """).param("limit", limit)
                .query((rs, n) -> new BlankBatch(rs.getLong("id"), rs.getInt("form_count"), rs.getString("reserved_by"),
                        instant(rs, "reserved_at"), rs.getString("note"), rs.getString("first_number"),
                        rs.getString("last_number"), rs.getInt("entered")))
                .list();
    }

    private static String where(RegisterFilter filter) {
        return switch (filter) {
            case ALL -> "";
            case OPEN -> " where proforma_id is null";
            case ENTERED -> " where proforma_id is not null";
        };
    }

    private static ReservedNumber reserved(ResultSet rs, int n) throws SQLException {
        return new ReservedNumber(rs.getString("number"), rs.getLong("batch_id"), rs.getString("reserved_by"),
                instant(rs, "reserved_at"), (Long) rs.getObject("proforma_id"), rs.getString("entered_by"),
                instant(rs, "entered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
