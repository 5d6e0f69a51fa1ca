package com.countersign.approval;

import com.countersign.base.Money;
import com.countersign.proforma.ProformaStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One bulk operation as SQL: the same "after" expression feeds the preview, the risk figures and
 * the apply, so what the reviewer saw is what gets written. Every statement works on the change
 * set's pinned targets ({@code change_set_target}), never on a re-evaluated filter.
 */
record BulkEditSql(BulkOperation operation, String column, boolean lineLevel, String after, Object value) {

    static BulkEditSql of(BulkOperation operation, String raw) {
        return switch (operation) {
            case SET_STATUS -> header(operation, "status", "cast(:value as varchar)", status(raw));
            case SET_VALID_UNTIL -> header(operation, "valid_until", "cast(:value as date)", date(raw));
            case SET_ISSUE_DATE -> header(operation, "issue_date", "cast(:value as date)", date(raw));
            case SHIFT_VALID_UNTIL -> header(operation, "valid_until", "p.valid_until + cast(:value as integer)", days(raw));
            case SHIFT_ISSUE_DATE -> header(operation, "issue_date", "p.issue_date + cast(:value as integer)", days(raw));
            case SET_NOTES -> header(operation, "notes", "cast(:value as varchar)", raw == null || raw.isBlank() ? null : raw);
            // rounded to the currency's scale (37.25 + 5 % is 39.11 EUR, not 39.1125); the preview shows the rounding
            case ADJUST_LINE_PRICES -> new BulkEditSql(operation, "unit_price", true,
                    "round(l.unit_price * (100 + cast(:value as numeric)) / 100, " + Money.sqlScaleOf("p.currency") + ")",
                    percent(raw));
            case SET_TAX_RATE -> new BulkEditSql(operation, "tax_rate", true, "cast(:value as numeric(5, 2))",
                    taxRate(raw));
            case DELETE -> new BulkEditSql(operation, null, false, null, null);
            case REPLACE_CONTENT -> throw new IllegalArgumentException("A single edit is not a bulk operation");
            case RESTORE -> throw new IllegalArgumentException("A restore is not a bulk operation");
        };
    }

    boolean deletes() {
        return operation == BulkOperation.DELETE;
    }

    String previewInsert() {
        if (deletes()) {
            return """
                    insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
                    select t.change_set_id, p.id, p.number, -1, 'proforma',
                           p.status || ', ' || (select count(*) from proforma_line l where l.proforma_id = p.id)
                               || ' lines, ' || p.customer_name,
                           'deleted'
                      from change_set_target t join proforma p on p.id = t.proforma_id
                     where t.change_set_id = :cs
                    """;
        }
        if (lineLevel) {
            return """
                    insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
                    select t.change_set_id, p.id, p.number, l.position, '%1$s', %3$s, %4$s
                      from change_set_target t
                      join proforma p on p.id = t.proforma_id
                      join proforma_line l on l.proforma_id = p.id
                     where t.change_set_id = :cs and l.%1$s is distinct from (%2$s)
                    """.formatted(column, after, shownBefore(), shownAfter());
        }
        return """
                insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
                select t.change_set_id, p.id, p.number, -1, '%1$s', p.%1$s::text, (%2$s)::text
                  from change_set_target t join proforma p on p.id = t.proforma_id
                 where t.change_set_id = :cs and p.%1$s is distinct from (%2$s)
                """.formatted(column, after);
    }

    /** A price as people write it in its currency (37.25, not 37.2500); other line values as stored. */
    private String shownBefore() {
        return operation != BulkOperation.ADJUST_LINE_PRICES ? "l." + column + "::text"
                : "round(l.unit_price, greatest(%s, scale(trim_scale(l.unit_price))))::text"
                        .formatted(Money.sqlScaleOf("p.currency"));
    }

    /** The new price, and what it was rounded from when the percentage gave more decimals than the currency has. */
    private String shownAfter() {
        if (operation != BulkOperation.ADJUST_LINE_PRICES) {
            return "(" + after + ")::text";
        }
        String exact = "trim_scale(l.unit_price * (100 + cast(:value as numeric)) / 100)";
        return "(%1$s)::text || case when (%1$s) <> %2$s then ' (rounded from ' || %2$s::text || ')' else '' end"
                .formatted(after, exact);
    }

    /** Counts targets the change would leave valid until before their issue date; null when it cannot. */
    String invalidDates() {
        String condition = switch (operation) {
            case SET_VALID_UNTIL, SHIFT_VALID_UNTIL -> "(" + after + ") < p.issue_date";
            case SET_ISSUE_DATE, SHIFT_ISSUE_DATE -> "p.valid_until < (" + after + ")";
            default -> null;
        };
        return condition == null ? null : """
                select count(*) from change_set_target t join proforma p on p.id = t.proforma_id
                 where t.change_set_id = :cs and %s
                """.formatted(condition);
    }

    /** Per currency, the largest change of one proforma's gross total (approximated without per-rate rounding). */
    String largestGrossChange() {
        String delta = switch (operation) {
            case ADJUST_LINE_PRICES -> "l.quantity * ((" + after + ") - l.unit_price) * (100 + l.tax_rate) / 100";
            case SET_TAX_RATE -> "l.quantity * l.unit_price * ((" + after + ") - l.tax_rate) / 100";
            case DELETE -> "l.quantity * l.unit_price * (100 + l.tax_rate) / 100";
            default -> "0";
        };
        return """
                select currency, max(abs(d)) from (
                    select p.currency, sum(%s) as d
                      from change_set_target t
                      join proforma p on p.id = t.proforma_id
                      join proforma_line l on l.proforma_id = p.id
                     where t.change_set_id = :cs
                     group by p.currency, l.proforma_id) changes
                 group by currency
                """.formatted(delta);
    }

    /** Statements that write the change; each touches only targets still at their previewed version. */
    String[] applyStatements() {
        String touchHeaders = """
                update proforma p set %s version = p.version + 1, updated_at = now(), updated_by = :actor
                  from change_set_target t
                 where t.change_set_id = :cs and t.proforma_id = p.id and p.version = t.previewed_version
                """;
        if (deletes()) {
            return new String[] {"""
                    delete from proforma p using change_set_target t
                     where t.change_set_id = :cs and t.proforma_id = p.id and p.version = t.previewed_version
                    """};
        }
        if (lineLevel) {
            // headers first: their version moves with the apply's actor, and the lines written after them do not
            // move it again (changeset 021 moves a proforma's version once per transaction for its lines)
            return new String[] {touchHeaders.formatted(""), """
                    update proforma_line l set %1$s = %2$s
                      from change_set_target t join proforma p on p.id = t.proforma_id
                     where t.change_set_id = :cs and t.proforma_id = l.proforma_id and l.%1$s is distinct from (%2$s)
                    """.formatted(column, after)};
        }
        return new String[] {touchHeaders.formatted(column + " = " + after + ",")};
    }

    private static BulkEditSql header(BulkOperation operation, String column, String after, Object value) {
        return new BulkEditSql(operation, column, false, after, value);
    }

    private static String status(String raw) {
        try {
            return ProformaStatus.valueOf(require(raw, "a status").toUpperCase()).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a status: " + raw);
        }
    }

    private static LocalDate date(String raw) {
        try {
            return LocalDate.parse(require(raw, "a date"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a date (yyyy-mm-dd): " + raw);
        }
    }

    private static Integer days(String raw) {
        try {
            return Integer.valueOf(require(raw, "a number of days"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a number of days: " + raw);
        }
    }

    private static BigDecimal percent(String raw) {
        BigDecimal percent = number(raw, "a percentage");
        if (percent.compareTo(BigDecimal.valueOf(-100)) <= 0) {
            throw new IllegalArgumentException("Prices cannot drop by 100 % or more");
        }
        return percent;
    }

    private static BigDecimal taxRate(String raw) {
        BigDecimal rate = number(raw, "a tax rate");
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0 || rate.scale() > 2) {
            throw new IllegalArgumentException("A tax rate is between 0 and 100 with at most 2 decimals");
        }
        return rate;
    }

    private static BigDecimal number(String raw, String what) {
        try {
            return new BigDecimal(require(raw, what).replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not " + what + ": " + raw);
        }
    }

    private static String require(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("Enter " + what);
        }
        return raw.strip();
    }
}
