package com.countersign.deployment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deployments and the DEPLOYMENT change sets they are bound to. Decisions and the timeline go to
 * the approval feature's tables, so a deployment's change set reads like any other.
 */
@Repository
class Deployments {

    private static final String SUMMARY = """
            select d.id, d.title, d.release_ref, d.submitted_by, d.submitted_at, d.flagged, c.status,
                   d.change_set_id, c.expected_count, d.description, d.script, d.dry_run::text as dry_run,
                   d.run_log::text as run_log, c.failure_reason, c.process_instance_id
              from deployment d join change_set c on c.id = d.change_set_id
            """;
    private static final TypeReference<List<RunLogEntry>> RUN_LOG = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    Deployments(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The DEPLOYMENT change set, waiting for review, with the proformas its dry run changed pinned as
     * its targets: the run may write those (and proformas it creates), nothing else.
     */
    long insertChangeSet(String reason, String requester, DryRunReport report, List<Long> targets, String event) {
        return jdbc.sql("""
                select public.countersign_deployment_change_set(:who, :reason, :count, :tier,
                        string_to_array(nullif(:reasons, ''), E'\\n'), cast(:targets as bigint[]), :what)
                """).param("reason", reason).param("who", requester).param("count", report.proformas())
                .param("tier", report.flagged() ? "HIGH" : "STANDARD").param("reasons", String.join("\n", report.flags()))
                .param("targets", targets.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"))).param("what", event)
                .query(Long.class).single();
    }

    long insert(long changeSetId, DeploymentRequest request, String by, DryRunReport report) {
        return jdbc.sql("""
                insert into deployment (change_set_id, title, release_ref, description, script, submitted_by, flagged, dry_run)
                values (:cs, :title, :release, :description, :script, :by, :flagged, cast(:report as jsonb))
                returning id
                """).param("cs", changeSetId).param("title", request.title().strip())
                .param("release", request.releaseRef().strip()).param("description", request.description())
                .param("script", request.script()).param("by", by).param("flagged", report.flagged())
                .param("report", write(report)).query(Long.class).single();
    }

    void processStarted(long changeSetId, String processInstanceId) {
        call("select public.countersign_change_set_process(:id, :pid)",
                spec -> spec.param("pid", processInstanceId).param("id", changeSetId));
    }

    List<DeploymentRow> list(int offset, int limit) {
        return jdbc.sql(SUMMARY + " order by d.id desc offset :offset limit :limit")
                .param("offset", offset).param("limit", limit).query(this::row).list();
    }

    int count() {
        return jdbc.sql("select count(*) from deployment").query(Integer.class).single();
    }

    Optional<DeploymentRow> find(long id) {
        return jdbc.sql(SUMMARY + " where d.id = :id").param("id", id).query(this::row).optional();
    }

    Optional<DeploymentRow> findByChangeSet(long changeSetId) {
        return jdbc.sql(SUMMARY + " where d.change_set_id = :cs").param("cs", changeSetId).query(this::row).optional();
    }

    String status(long changeSetId) {
        return jdbc.sql("select status from change_set where id = :id").param("id", changeSetId)
                .query(String.class).single();
    }

    /**
     * APPROVED to APPLYING, claimed by this transaction and locked until it ends; false when the
     * change set is not APPROVED (already run, failed), which leaves it as it is.
     */
    boolean claim(long changeSetId) {
        return jdbc.sql("select public.countersign_change_set_claim(:id)").param("id", changeSetId)
                .query(Boolean.class).single();
    }

    void applied(long changeSetId, String event) {
        call("select public.countersign_change_set_applied(:id, :what)",
                spec -> spec.param("id", changeSetId).param("what", event));
    }

    /** APPROVED (or a stale APPLYING) to FAILED with the timeline entry; false if it was neither. */
    boolean failed(long changeSetId, String reason, String event) {
        return jdbc.sql("select public.countersign_change_set_fail(:id, :reason, :what)")
                .param("reason", reason).param("id", changeSetId).param("what", event).query(Boolean.class).single();
    }

    void runLog(long changeSetId, List<RunLogEntry> log) {
        jdbc.sql("update deployment set run_log = cast(:log as jsonb) where change_set_id = :cs")
                .param("log", write(log)).param("cs", changeSetId).update();
    }

    /**
     * The decision and its timeline entry; the database moves the status (rejected, approved, or
     * waiting for a flagged deployment's second approval) and refuses the submitter's own decision.
     */
    String decision(long changeSetId, String step, String by, boolean approved, String comment, String event) {
        return jdbc.sql("select public.countersign_change_set_decide(:id, :step, :by, :approve, :comment, :what)")
                .param("id", changeSetId).param("step", step).param("by", by).param("approve", approved)
                .param("comment", comment, java.sql.Types.VARCHAR).param("what", event).query(String.class).single();
    }

    List<DeploymentDecision> decisions(long changeSetId) {
        return jdbc.sql("""
                select step, decided_by, decided_at, outcome, comment from change_set_decision
                 where change_set_id = :id order by id
                """).param("id", changeSetId)
                .query((rs, n) -> new DeploymentDecision(rs.getString("step"), rs.getString("decided_by"),
                        rs.getTimestamp("decided_at").toInstant(), "APPROVE".equals(rs.getString("outcome")),
                        rs.getString("comment")))
                .list();
    }

    void event(long changeSetId, String actor, String what) {
        call("select public.countersign_change_set_note(:id, :actor, :what, false)",
                spec -> spec.param("id", changeSetId).param("actor", actor).param("what", what));
    }

    private void call(String sql, UnaryOperator<JdbcClient.StatementSpec> params) {
        params.apply(jdbc.sql(sql)).query((rs, n) -> 1).list();
    }

    List<String> timeline(long changeSetId) {
        return jdbc.sql("""
                select to_char(at, 'YYYY-MM-DD HH24:MI:SS') || ' ' || actor || ': ' || what
                  from change_set_event where change_set_id = :id order by id
                """).param("id", changeSetId).query(String.class).list();
    }

    void notify(long changeSetId, String recipient, String message) {
        jdbc.sql("insert into change_set_notification (change_set_id, recipient, message) values (:id, :to, left(:msg, 2000))")
                .param("id", changeSetId).param("to", recipient).param("msg", message).update();
    }

    private DeploymentRow row(ResultSet rs, int n) throws SQLException {
        Timestamp at = rs.getTimestamp("submitted_at");
        DeploymentSummary summary = new DeploymentSummary(rs.getLong("id"), rs.getString("title"),
                rs.getString("release_ref"), rs.getString("submitted_by"), at.toInstant(), rs.getBoolean("flagged"),
                rs.getString("status"), rs.getLong("change_set_id"), (Integer) rs.getObject("expected_count"));
        String runLog = rs.getString("run_log");
        return new DeploymentRow(summary, rs.getString("description"), rs.getString("script"),
                read(rs.getString("dry_run"), DryRunReport.class),
                runLog == null ? List.of() : read(runLog, RUN_LOG), rs.getString("failure_reason"),
                rs.getString("process_instance_id"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable deployment report", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable deployment run log", e);
        }
    }

    record DeploymentRow(DeploymentSummary summary, String description, String script, DryRunReport dryRun,
            List<RunLogEntry> runLog, String failureReason, String processInstanceId) {

        long changeSetId() {
            return summary.changeSetId();
        }
    }
}
