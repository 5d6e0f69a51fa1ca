package com.countersign.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.RiskTier;
import com.countersign.history.HistoryEntry;
import com.countersign.history.HistoryService;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The postmortem as a drill: 10,000 proformas, an UPDATE that bypasses the guard overwrites all of
 * them, someone keeps working meanwhile, and one point-in-time restore through approval puts every
 * proforma back without losing that later edit.
 */
@CountersignTest
class PostmortemDrillTest {

    static final int PROFORMAS = 10_000;

    /** The last drill's end-to-end time (preview, decisions, apply), for the recovery benchmark. */
    static volatile Duration lastRun;

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired RecoveryService recovery;
    @Autowired HistoryService history;
    @Autowired JdbcClient jdbc;
    @Autowired RecoveryScenario scenario;
    @Autowired EmbeddedPostgres postgres;
    @Autowired PlatformTransactionManager transactions;
    @Autowired DatabaseRoles roles;

    @Test
    void one_approved_point_in_time_restore_undoes_the_incident_and_keeps_the_later_edit() throws Exception {
        String prefix = Fixtures.uniqueCustomer("Drill");
        Range seeded = DrillData.seed(jdbc, transactions, roles.ownerSql(), prefix, PROFORMAS);
        long edited = seeded.first() + 4242;
        long untouched = seeded.first() + 17;
        String before = DrillData.content(jdbc, seeded, edited);
        String editedBefore = DrillData.contentWithoutNotes(jdbc, edited);
        Thread.sleep(20);
        Instant beforeIncident = Instant.now();
        Thread.sleep(20);

        overwriteAllAsSuperuser(seeded);
        assertThat(DrillData.content(jdbc, seeded, edited)).isNotEqualTo(before);
        String laterNote = "Customer phoned after the incident";
        Users.actAs("clerk", "STAFF");
        var current = proformas.find(edited).orElseThrow();
        ProformaContent c = current.content();
        proformas.update(edited, current.version(), new ProformaContent(c.customerName(), c.customerAddress(),
                c.customerVatId(), c.issueDate(), c.validUntil(), c.currency(), c.status(), laterNote, c.lines()));

        long start = System.nanoTime();
        PointInTimeRestore restore = new PointInTimeRestore(beforeIncident,
                new ProformaFilter(null, prefix, Set.of(), null, null), false);
        Users.actAs("manager", "MANAGER");
        RecoveryDraft first = recovery.previewPointInTime(restore, Map.of());
        assertThat(first.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.proformaId()).isEqualTo(edited);
            assertThat(conflict.resolution()).isEqualTo(ConflictChoice.Resolution.SKIP);
            assertThat(conflict.laterChanges()).extracting(LaterChange::actor).contains("postgres", "clerk");
            assertThat(conflict.laterChanges()).anySatisfy(change -> {
                assertThat(change.actor()).isEqualTo("clerk");
                assertThat(change.fields()).containsExactly("notes");
            });
        });
        assertThat(first.changeSet().proformaCount()).isEqualTo(PROFORMAS - 1);
        recovery.discard(first.changeSet().id());
        List<String> allButNotes = RecoveryPlans.RESTORABLE.stream().filter(f -> !f.equals("notes")).toList();
        RecoveryDraft draft = recovery.previewPointInTime(restore,
                Map.of(edited, ConflictChoice.only(allButNotes.toArray(String[]::new))));
        assertThat(draft.changeSet().proformaCount()).isEqualTo(PROFORMAS);
        assertThat(draft.changeSet().riskTier()).isEqualTo(RiskTier.HIGH);
        assertThat(scenario.restoreApplied(draft)).isEqualTo(ChangeSetStatus.APPLIED);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        lastRun = took;
        System.out.printf("drill: %d proformas recovered in %d ms (preview, approvals, apply)%n", PROFORMAS,
                took.toMillis());

        assertThat(DrillData.content(jdbc, seeded, edited)).isEqualTo(before);
        assertThat(DrillData.contentWithoutNotes(jdbc, edited)).isEqualTo(editedBefore);
        assertThat(scenario.field(edited, "notes")).isEqualTo(laterNote);
        Users.actAs("manager", "MANAGER");
        // newest first: the restore, the later edit, the incident (a SQL session, not a person), the seed
        assertThat(history.timeline(untouched)).extracting(HistoryEntry::actor)
                .containsExactly("manager", "via SQL as postgres", DrillData.LOADER);
        List<HistoryEntry> story = history.timeline(edited);
        assertThat(story).extracting(HistoryEntry::actor).containsExactly("manager", "clerk", "via SQL as postgres",
                DrillData.LOADER);
        assertThat(story.get(0).changeSetId()).isEqualTo(draft.changeSet().id());
        assertThat(story.get(2).changeSetId()).isNull();
    }

    /** What the postmortem's deployment did: an UPDATE without a real WHERE, with the guard switched off. */
    private void overwriteAllAsSuperuser(Range seeded) throws Exception {
        DataSource superuser = postgres.getDatabase("postgres", "countersign");
        try (Connection connection = superuser.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("alter table proforma disable trigger a_proforma_guard_update");
            sql.execute("alter table proforma_line disable trigger a_proforma_line_guard_update");
            sql.executeUpdate("update proforma set customer_name = 'OVERWRITTEN', status = 'CANCELLED', notes = 'oops'"
                    + " where id between " + seeded.first() + " and " + seeded.last());
            sql.executeUpdate("update proforma_line set unit_price = 0 where proforma_id between " + seeded.first()
                    + " and " + seeded.last());
            // as they were: ALWAYS, so that replica mode does not skip them either (017)
            sql.execute("alter table proforma enable always trigger a_proforma_guard_update");
            sql.execute("alter table proforma_line enable always trigger a_proforma_line_guard_update");
            connection.commit();
        }
    }

    record Range(long first, long last) {}
}
