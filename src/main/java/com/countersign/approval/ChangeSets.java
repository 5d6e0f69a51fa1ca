package com.countersign.approval;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Change sets, their decisions, timeline and notifications: plain SQL, no Flowable. Every move of a
 * change set goes through the owner's functions (changeset 024), which keep the state machine and
 * write the timeline entry; the portal's role only reads these tables.
 */
@Repository
class ChangeSets {

    private static final String COLUMNS = """
            id, kind, status, reason, requested_by, created_at, operation, selection, expected_count, line_count,
            risk_tier, risk_reasons, failure_reason, process_instance_id, parameters::text as parameters
            """;

    private final JdbcClient jdbc;

    ChangeSets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A DRAFT: the reason is asked for at submit time, so it starts with a placeholder. */
    long insertDraft(String kind, BulkOperation operation, String parametersJson, String selection, String requester) {
        return jdbc.sql("""
                select public.countersign_change_set_draft(:kind, :requester, :operation, cast(:parameters as jsonb),
                                                           :selection)
                """)
                .param("kind", kind).param("requester", requester).param("operation", operation.name())
                .param("parameters", parametersJson).param("selection", selection)
                .query(Long.class).single();
    }

    void assess(long id, int proformas, int lines, RiskTier tier, List<String> reasons) {
        call("""
                select public.countersign_change_set_assess(:id, :proformas, :lines, :tier,
                                                            string_to_array(nullif(:reasons, ''), E'\n'))
                """, spec -> spec.param("proformas", proformas).param("lines", lines).param("tier", tier.name())
                .param("reasons", String.join("\n", reasons)).param("id", id));
    }

    Optional<ChangeSetRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from change_set where id = :id").param("id", id)
                .query(ChangeSets::row).optional();
    }

    /**
     * The change set and who approved its review so far, in one round trip: what the four-eyes rule
     * needs at every decision.
     */
    Optional<Deciding> findDeciding(long id) {
        return jdbc.sql("select " + COLUMNS + """
                        , array(select d.decided_by from change_set_decision d
                                 where d.change_set_id = change_set.id and d.step = 'REVIEW' and d.outcome = 'APPROVE'
                                 order by d.id) as review_approvers
                          from change_set where id = :id
                        """).param("id", id)
                .query((rs, n) -> new Deciding(row(rs, n).summary(),
                        List.of((String[]) rs.getArray("review_approvers").getArray())))
                .optional();
    }

    /**
     * APPROVED to APPLYING, claimed by this transaction (the only one whose writes its token covers)
     * and locked until it ends; empty when the change set is not APPROVED (already applied or failed,
     * or never approved), which leaves it as it is.
     */
    Optional<ChangeSetRow> startApplying(long id) {
        boolean claimed = jdbc.sql("select public.countersign_change_set_claim(:id)").param("id", id)
                .query(Boolean.class).single();
        return claimed ? find(id) : Optional.empty();
    }

    List<ChangeSetSummary> requestedBy(String requester, int limit) {
        return jdbc.sql("select " + COLUMNS + " from change_set where requested_by = :who order by id desc limit :limit")
                .param("who", requester).param("limit", limit)
                .query(ChangeSets::row).list().stream().map(ChangeSetRow::summary).toList();
    }

    List<ChangeSetSummary> recent(int limit) {
        return jdbc.sql("select " + COLUMNS + " from change_set where status <> 'DRAFT' order by id desc limit :limit")
                .param("limit", limit).query(ChangeSets::row).list().stream().map(ChangeSetRow::summary).toList();
    }

    /** DRAFT to PENDING_REVIEW with the requester's entry on the timeline; the change set as it is now. */
    ChangeSetRow submit(long id, String reason, String processInstanceId, String requester, String event) {
        call("select public.countersign_change_set_submit(:id, :actor, :reason, :pid, :what)", spec -> spec
                .param("reason", reason).param("pid", processInstanceId).param("id", id)
                .param("actor", requester).param("what", event));
        return find(id).orElseThrow();
    }

    /** PENDING_REVIEW to EXPIRED with the timeline entry; false when it was decided first. */
    boolean expire(long id, String event) {
        return jdbc.sql("select public.countersign_change_set_expire(:id, :what)").param("id", id).param("what", event)
                .query(Boolean.class).single();
    }

    /**
     * Records a decision with its timeline entry. The database decides where the change set moves
     * (rejected, approved, or waiting for a high tier's second approval) and refuses a decision by
     * the requester or a second approval by the first approver; the status it moved to.
     */
    ChangeSetStatus decision(long id, ReviewStep step, String by, boolean approved, String comment, String event) {
        return ChangeSetStatus.valueOf(jdbc.sql(
                        "select public.countersign_change_set_decide(:id, :step, :by, :approve, :comment, :what)")
                .param("id", id).param("step", step.name()).param("by", by).param("approve", approved)
                .param("comment", comment, Types.VARCHAR).param("what", event)
                .query(String.class).single());
    }

    /** APPLYING to APPLIED, with the timeline entry; only in the transaction that claimed it. */
    void applied(long id, String event) {
        call("select public.countersign_change_set_applied(:id, :what)", spec -> spec.param("id", id).param("what", event));
    }

    /** APPROVED (or a stale APPLYING) to FAILED with the timeline entry {@code event}; false if it was neither. */
    boolean failed(long id, String reason, String event) {
        return jdbc.sql("select public.countersign_change_set_fail(:id, :reason, :what)")
                .param("reason", reason).param("id", id).param("what", event).query(Boolean.class).single();
    }

    void deleteDraft(long id, String requester) {
        call("select public.countersign_change_set_discard(:id, :who)", spec -> spec.param("id", id).param("who", requester));
    }

    void event(long id, String actor, String what) {
        note(id, actor, what, false);
    }

    /** The entry, unless it is already the latest one of the change set (a job that looks again). */
    void eventUnlessLast(long id, String actor, String what) {
        note(id, actor, what, true);
    }

    private void note(long id, String actor, String what, boolean unlessLast) {
        call("select public.countersign_change_set_note(:id, :actor, :what, :unlessLast)", spec -> spec
                .param("id", id).param("actor", actor).param("what", what).param("unlessLast", unlessLast));
    }

    /** Runs a select of one of the owner's functions for what it does. */
    private void call(String sql, UnaryOperator<JdbcClient.StatementSpec> params) {
        params.apply(jdbc.sql(sql)).query((rs, n) -> 1).list();
    }

    List<TimelineEntry> timeline(long id) {
        return jdbc.sql("select at, actor, what from change_set_event where change_set_id = :id order by id")
                .param("id", id)
                .query((rs, n) -> new TimelineEntry(instant(rs, "at"), rs.getString("actor"), rs.getString("what")))
                .list();
    }

    void notify(long id, String recipient, String message) {
        jdbc.sql("insert into change_set_notification (change_set_id, recipient, message) values (:id, :to, :msg)")
                .param("id", id).param("to", recipient).param("msg", message).update();
    }

    List<Notification> notificationsFor(String recipient, int limit) {
        return jdbc.sql("""
                select change_set_id, message, created_at from change_set_notification
                 where recipient = :to order by id desc limit :limit
                """).param("to", recipient).param("limit", limit)
                .query((rs, n) -> new Notification(rs.getLong("change_set_id"), rs.getString("message"),
                        instant(rs, "created_at")))
                .list();
    }

    List<Decision> decisions(long id) {
        return jdbc.sql("""
                select step, decided_by, decided_at, outcome, comment from change_set_decision
                 where change_set_id = :id order by id
                """).param("id", id)
                .query((rs, n) -> new Decision(rs.getString("step"), rs.getString("decided_by"),
                        instant(rs, "decided_at"), "APPROVE".equals(rs.getString("outcome")), rs.getString("comment")))
                .list();
    }

    /**
     * One page of the preview: its rows, and for a restore also its staged lines (rendered here).
     * Each source is read in key order up to the page's end only, so a page costs what it shows
     * and not a sort of the whole preview.
     */
    List<PreviewRow> preview(long id, int offset, int limit) {
        return jdbc.sql("""
                select proforma_id, number, position, field, before_value, after_value from (
                    (select proforma_id, number, position, field, before_value, after_value from change_set_preview
                      where change_set_id = :id order by proforma_id, position, field limit :end)
                    union all
                    (select proforma_id, number, position, field, before_value, after_value from (%s) lines
                      where change_set_id = :id order by proforma_id, position limit :end)) preview
                 order by proforma_id, position, field
                 offset :offset limit :limit
                """.formatted(RestoreSql.PREVIEW_LINE_ROWS)).param("end", offset + limit).param("id", id).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new PreviewRow(rs.getLong("proforma_id"), rs.getString("number"),
                        rs.getInt("position") < 0 ? null : rs.getInt("position"), rs.getString("field"),
                        rs.getString("before_value"), rs.getString("after_value")))
                .list();
    }

    int previewSize(long id) {
        return jdbc.sql("""
                select (select count(*) from change_set_preview where change_set_id = :id)
                     + (select count(*) from change_set_restore_line where change_set_id = :id and number is not null)
                """).param("id", id).query(Integer.class).single();
    }

    private static ChangeSetRow row(ResultSet rs, int n) throws SQLException {
        String operation = rs.getString("operation");
        String tier = rs.getString("risk_tier");
        Array reasons = rs.getArray("risk_reasons");
        ChangeSetSummary summary = new ChangeSetSummary(rs.getLong("id"), rs.getString("kind"),
                ChangeSetStatus.valueOf(rs.getString("status")), rs.getString("reason"), rs.getString("requested_by"),
                instant(rs, "created_at"), operation == null ? null : BulkOperation.valueOf(operation),
                rs.getString("selection"), (Integer) rs.getObject("expected_count"), (Integer) rs.getObject("line_count"),
                tier == null ? null : RiskTier.valueOf(tier),
                reasons == null ? List.of() : Arrays.asList((String[]) reasons.getArray()),
                rs.getString("failure_reason"));
        return new ChangeSetRow(summary, rs.getString("parameters"), rs.getString("process_instance_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** A change set and the people who approved its review so far. */
    record Deciding(ChangeSetSummary summary, List<String> reviewApprovers) {}

    record ChangeSetRow(ChangeSetSummary summary, String parametersJson, String processInstanceId) {

        long id() {
            return summary.id();
        }

        ChangeSetStatus status() {
            return summary.status();
        }

        String requester() {
            return summary.requestedBy();
        }
    }
}
