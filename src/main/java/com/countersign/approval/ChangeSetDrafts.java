package com.countersign.approval;

import com.countersign.base.Money;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import com.countersign.proforma.SqlCondition;
import com.countersign.proforma.Totals;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds DRAFT change sets: pins the targets with their versions and computes the preview and the
 * risk figures, all inside the database, so a preview of 100,000 proformas never crosses the wire.
 */
@Component
class ChangeSetDrafts {

    private final ChangeSets changeSets;
    private final RiskPolicy riskPolicy;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ChangeSetDrafts(ChangeSets changeSets, RiskPolicy riskPolicy, JdbcClient jdbc, ObjectMapper json) {
        this.changeSets = changeSets;
        this.riskPolicy = riskPolicy;
        this.jdbc = jdbc;
        this.json = json;
    }

    ChangeSetDraft bulk(BulkEditRequest request, String requester) {
        BulkEditSql sql = BulkEditSql.of(request.operation(), request.value());
        ObjectNode parameters = json.createObjectNode().put("value", request.value());
        String selection = request.ids() != null ? request.ids().size() + " selected proforma(s)"
                : "all proformas matching " + describe(request);
        long id = changeSets.insertDraft("BULK_EDIT", request.operation(), parameters.toString(), selection, requester);
        int proformas = pinTargets(id, request);
        if (proformas == 0) {
            throw new IllegalArgumentException("No proforma matches the selection any more");
        }
        refuseInvalidDates(id, sql);
        jdbc.sql(sql.previewInsert()).param("cs", id).param("value", sql.value()).update();
        int lines = switch (request.operation()) {
            case ADJUST_LINE_PRICES, SET_TAX_RATE -> count(
                    "select count(*) from change_set_preview where change_set_id = :cs and position >= 0", id);
            case DELETE -> count("""
                    select count(*) from change_set_target t join proforma_line l on l.proforma_id = t.proforma_id
                     where t.change_set_id = :cs
                    """, id);
            default -> 0;
        };
        int statusChanges = request.operation() != BulkOperation.SET_STATUS ? 0 : count("""
                select count(*) from change_set_preview
                 where change_set_id = :cs and field = 'status' and before_value in ('ISSUED', 'ACCEPTED')
                """, id);
        Map<String, BigDecimal> largestGrossChange = perCurrency(jdbc.sql(sql.largestGrossChange()).param("cs", id)
                .param("value", sql.value()));
        RiskPolicy.Assessment assessment = riskPolicy.assess(new RiskPolicy.Figures(proformas, statusChanges,
                sql.deletes(), largestGrossChange, totalGross(id)));
        changeSets.assess(id, proformas, lines, assessment.tier(), assessment.reasons());
        return new ChangeSetDraft(id, request.operation(), proformas, lines, changeSets.previewSize(id),
                assessment.tier(), assessment.reasons());
    }

    /**
     * A RESTORE change set: the recovery feature stages what the restore changes (only proformas
     * whose restored state differs from the current one), and those become the targets. May end
     * with no target (everything skipped as a conflict): then it can be looked at, but not submitted.
     */
    ChangeSetDraft restore(RestoreRequest request, String requester) {
        long id = changeSets.insertDraft("RESTORE", BulkOperation.RESTORE,
                request.parametersJson() == null ? "{}" : request.parametersJson(), request.selection(), requester);
        request.staging().stage(id);
        int proformas = jdbc.sql(RestoreSql.PIN_TARGETS).param("cs", id).update();
        jdbc.sql(RestoreSql.PREVIEW_FIELDS).param("cs", id).update();
        jdbc.sql(RestoreSql.PREVIEW_WHOLE_PROFORMAS).param("cs", id).update();
        int lines = count("select count(*) from change_set_restore_line where change_set_id = :cs", id);
        int statusChanges = count("""
                select count(*) from change_set_preview
                 where change_set_id = :cs and position = -1 and field = 'status' and before_value in ('ISSUED', 'ACCEPTED')
                """, id);
        boolean deletes = jdbc.sql(RestoreSql.DELETES).param("cs", id).query(Boolean.class).single();
        Map<String, BigDecimal> largestChange = new HashMap<>();
        Map<String, BigDecimal> atStake = new HashMap<>();
        jdbc.sql(RestoreSql.GROSS).param("cs", id).query(rs -> {
            largestChange.put(rs.getString(1).trim(), rs.getBigDecimal(2));
            atStake.put(rs.getString(1).trim(), rs.getBigDecimal(3));
        });
        RiskPolicy.Assessment assessment = riskPolicy.assess(new RiskPolicy.Figures(proformas, statusChanges, deletes,
                largestChange, atStake));
        changeSets.assess(id, proformas, lines, assessment.tier(), assessment.reasons());
        return new ChangeSetDraft(id, BulkOperation.RESTORE, proformas, lines, changeSets.previewSize(id),
                assessment.tier(), assessment.reasons());
    }

    /** Refused now rather than failed after approval: the table's check would reject it at apply time. */
    private void refuseInvalidDates(long id, BulkEditSql sql) {
        if (sql.invalidDates() == null) {
            return;
        }
        int invalid = jdbc.sql(sql.invalidDates()).param("cs", id).param("value", sql.value()).query(Integer.class).single();
        if (invalid > 0) {
            throw new IllegalArgumentException(invalid + " proforma(s) would be valid until a date before their issue date");
        }
    }

    /** How risky one proforma's edit is; a risky one becomes a one-proforma change set. */
    RiskPolicy.Assessment assessSingle(ProformaSnapshot current, ProformaContent proposed) {
        boolean statusOfIssued = current.content().status() != proposed.status()
                && (current.content().status() == ProformaStatus.ISSUED
                        || current.content().status() == ProformaStatus.ACCEPTED);
        Money after = Totals.of(proposed.currency(), proposed.lines()).gross();
        Money before = current.totals().gross();
        Map<String, BigDecimal> change = new HashMap<>();
        Map<String, BigDecimal> atStake = new HashMap<>();
        if (after.currency().equals(before.currency())) {
            change.put(code(after), after.amount().subtract(before.amount()).abs());
            atStake.put(code(after), before.amount().max(after.amount()));
        } else {
            // another currency: the old total goes and the new one comes, each weighed in its own currency
            change.put(code(before), before.amount());
            change.put(code(after), after.amount());
            atStake.putAll(change);
        }
        return riskPolicy.assess(new RiskPolicy.Figures(1, statusOfIssued ? 1 : 0, false, change, atStake));
    }

    ChangeSetDraft single(ProformaSnapshot current, ProformaContent proposed, RiskPolicy.Assessment assessment,
            String requester) {
        long id = changeSets.insertDraft("SINGLE_EDIT", BulkOperation.REPLACE_CONTENT, contentJson(proposed).toString(),
                current.number(), requester);
        jdbc.sql("insert into change_set_target (change_set_id, proforma_id, previewed_version) values (:cs, :p, :v)")
                .param("cs", id).param("p", current.id()).param("v", current.version()).update();
        ProformaContent before = current.content();
        preview(id, current, -1, "customer_name", before.customerName(), proposed.customerName());
        preview(id, current, -1, "customer_address", before.customerAddress(), proposed.customerAddress());
        preview(id, current, -1, "customer_vat_id", before.customerVatId(), proposed.customerVatId());
        preview(id, current, -1, "issue_date", before.issueDate(), proposed.issueDate());
        preview(id, current, -1, "valid_until", before.validUntil(), proposed.validUntil());
        preview(id, current, -1, "currency", before.currency(), proposed.currency());
        preview(id, current, -1, "status", before.status(), proposed.status());
        preview(id, current, -1, "notes", before.notes(), proposed.notes());
        preview(id, current, -1, "gross", current.totals().gross(),
                Totals.of(proposed.currency(), proposed.lines()).gross());
        int lines = 0;
        for (int i = 0; i < Math.max(before.lines().size(), proposed.lines().size()); i++) {
            ProformaLine was = i < before.lines().size() ? before.lines().get(i) : null;
            ProformaLine is = i < proposed.lines().size() ? proposed.lines().get(i) : null;
            if (!Objects.equals(was, is)) {
                preview(id, current, i, "line", was == null ? null : describe(was), is == null ? null : describe(is));
                lines++;
            }
        }
        changeSets.assess(id, 1, lines, assessment.tier(), assessment.reasons());
        return new ChangeSetDraft(id, BulkOperation.REPLACE_CONTENT, 1, lines, changeSets.previewSize(id),
                assessment.tier(), assessment.reasons());
    }

    private void preview(long id, ProformaSnapshot current, int position, String field, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return;
        }
        jdbc.sql("""
                insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
                values (:cs, :p, :number, :position, :field, :before, :after)
                """).param("cs", id).param("p", current.id()).param("number", current.number())
                .param("position", position).param("field", field)
                .param("before", before == null ? null : before.toString())
                .param("after", after == null ? null : after.toString())
                .update();
    }

    private int pinTargets(long id, BulkEditRequest request) {
        if (request.ids() != null) {
            return jdbc.sql("""
                    insert into change_set_target (change_set_id, proforma_id, previewed_version)
                    select :cs, p.id, p.version from proforma p where p.id in (:ids)
                    """).param("cs", id).param("ids", request.ids()).update();
        }
        SqlCondition condition = request.filter().toSql();
        return jdbc.sql("""
                insert into change_set_target (change_set_id, proforma_id, previewed_version)
                select :cs, p.id, p.version from proforma p""" + condition.where())
                .params(condition.params()).param("cs", id).update();
    }

    /** Per currency, the gross of every target: what the change puts at stake. */
    private Map<String, BigDecimal> totalGross(long id) {
        return perCurrency(jdbc.sql("""
                select p.currency, sum(l.quantity * l.unit_price * (100 + l.tax_rate) / 100)
                  from change_set_target t
                  join proforma p on p.id = t.proforma_id
                  join proforma_line l on l.proforma_id = p.id
                 where t.change_set_id = :cs
                 group by p.currency
                """).param("cs", id));
    }

    private static Map<String, BigDecimal> perCurrency(JdbcClient.StatementSpec query) {
        Map<String, BigDecimal> amounts = new HashMap<>();
        query.query(rs -> {
            amounts.put(rs.getString(1).trim(), rs.getBigDecimal(2));
        });
        return amounts;
    }

    private static String code(Money money) {
        return money.currency().getCurrencyCode();
    }

    private int count(String sql, long id) {
        return jdbc.sql(sql).param("cs", id).query(Integer.class).single();
    }

    private ObjectNode contentJson(ProformaContent content) {
        ObjectNode node = json.createObjectNode()
                .put("customerName", content.customerName())
                .put("customerAddress", content.customerAddress())
                .put("customerVatId", content.customerVatId())
                .put("issueDate", content.issueDate().toString())
                .put("validUntil", content.validUntil().toString())
                .put("currency", content.currency().getCurrencyCode())
                .put("status", content.status().name())
                .put("notes", content.notes());
        ArrayNode lines = node.putArray("lines");
        for (ProformaLine line : content.lines()) {
            lines.addObject().put("description", line.description()).put("quantity", line.quantity())
                    .put("unitPrice", line.unitPrice()).put("taxRate", line.taxRate());
        }
        return json.createObjectNode().set("content", node);
    }

    private static String describe(ProformaLine line) {
        return line.quantity().stripTrailingZeros().toPlainString() + " × " + line.description() + " at "
                + line.unitPrice().toPlainString() + ", tax " + line.taxRate().stripTrailingZeros().toPlainString() + " %";
    }

    private static String describe(BulkEditRequest request) {
        var f = request.filter();
        StringBuilder text = new StringBuilder();
        if (f.numberPrefix() != null) text.append("number ").append(f.numberPrefix()).append("… ");
        if (f.customerPrefix() != null) text.append("customer ").append(f.customerPrefix()).append("… ");
        if (!f.statuses().isEmpty()) text.append("status ").append(Set.copyOf(f.statuses())).append(' ');
        if (f.issuedFrom() != null) text.append("issued from ").append(f.issuedFrom()).append(' ');
        if (f.issuedTo() != null) text.append("issued to ").append(f.issuedTo()).append(' ');
        return text.isEmpty() ? "no filter (every proforma)" : text.toString().strip();
    }
}
