package com.countersign.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.approval.ChangeSetStatus;
import com.countersign.recovery.IntegrityReport.Difference;
import com.countersign.recovery.IntegrityReport.Kind;
import com.countersign.recovery.IntegrityReport.StructureChange;
import com.countersign.recovery.IntegrityReport.UntracedChange;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.PastTheTriggers;
import com.countersign.support.Fixtures;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import com.countersign.support.AttackRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owner switches the triggers off and writes past history, the way the postmortem's deployment
 * switched off the guard: the integrity check finds every such proforma (changed, created, deleted),
 * shows what history last recorded, the DDL audit names who disabled the triggers, and one approved
 * RESTORE change set puts every proforma back to its last recorded state.
 */
@CountersignTest
class ChangedWithoutATraceTest {

    @Autowired RecoveryScenario scenario;
    @Autowired RecoveryService recovery;
    @Autowired DatabaseRoles roles;
    @Autowired JdbcClient jdbc;

    @Test
    void writes_past_the_triggers_are_found_shown_and_restored_through_approval() throws SQLException {
        String customer = Fixtures.uniqueCustomer("Untraced");
        long renamed = scenario.create(Fixtures.content(customer));
        long repriced = scenario.create(Fixtures.content(customer));
        long deleted = scenario.create(Fixtures.content(customer));
        long untouched = scenario.create(Fixtures.content(customer));
        List<Long> recorded = List.of(renamed, repriced, deleted, untouched);
        String before = scenario.contentOf(recorded);
        long versionsBefore = versions(recorded);

        long created = PastTheTriggers.write(roles,
                "update proforma set customer_name = 'OVERWRITTEN' where id = " + renamed,
                "update proforma_line set unit_price = 0 where proforma_id = " + repriced,
                "delete from proforma where id = " + deleted,
                "insert into proforma (number, customer_name, customer_address, issue_date, valid_until, currency, "
                        + "status, created_by, updated_by) values ('PF-2026-" + (900000 + renamed % 99999)
                        + "', 'Nobody', 'Nowhere', date '2026-03-02', date '2026-04-01', 'EUR', 'DRAFT', 'x', 'x')");
        assertThat(versions(recorded)).as("nothing reached history").isEqualTo(versionsBefore);

        Users.actAs("manager", "MANAGER");
        IntegrityReport report = recovery.checkIntegrity();
        Map<Long, UntracedChange> found = report.changes().stream()
                .filter(c -> Set.of(renamed, repriced, deleted, untouched, created).contains(c.proformaId()))
                .collect(Collectors.toMap(UntracedChange::proformaId, c -> c));
        assertThat(found).containsOnlyKeys(renamed, repriced, deleted, created);
        assertThat(found.get(renamed)).satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.CHANGED);
            assertThat(c.headerDiffers()).isTrue();
            assertThat(c.linesDiffer()).isFalse();
            assertThat(c.what()).isEqualTo("changed without a trace (header)");
        });
        assertThat(found.get(repriced)).satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.CHANGED);
            assertThat(c.headerDiffers()).isFalse();
            assertThat(c.linesDiffer()).isTrue();
        });
        assertThat(found.get(deleted).kind()).isEqualTo(Kind.DELETED);
        assertThat(found.get(created).kind()).isEqualTo(Kind.CREATED);
        assertThat(report.cause()).isEqualTo("ON_DEMAND");
        assertThat(report.startedBy()).isEqualTo("manager");

        assertThat(recovery.untracedDifferences(renamed))
                .containsExactly(new Difference("customer_name", customer, "OVERWRITTEN"));
        assertThat(recovery.untracedDifferences(repriced)).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("line 1");
            assertThat(d.recorded()).contains("850.0000");
            assertThat(d.now()).contains("× 0.0000");
        });
        assertThat(recovery.untracedDifferences(deleted)).extracting(Difference::field).startsWith("exists");

        assertThat(recovery.structureAuditInstalled()).isTrue();
        assertThat(recovery.structureChanges(50)).anySatisfy(change -> {
            assertThat(change.command()).isEqualTo("ALTER TABLE");
            assertThat(change.object()).isEqualTo("public.proforma");
            assertThat(change.dbUser()).isEqualTo("countersign");
            assertThat(change.statement()).containsIgnoringCase("disable trigger user");
        });

        RecoveryDraft draft = recovery.previewLastRecorded(report.checkId(), List.of(renamed, repriced, deleted, created),
                Map.of());
        assertThat(draft.changeSet().proformaCount()).isEqualTo(4);
        assertThat(draft.conflicts()).isEmpty();
        assertThat(scenario.restoreApplied(draft)).isEqualTo(ChangeSetStatus.APPLIED);

        assertThat(scenario.contentOf(recorded)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from proforma where id = :id").param("id", created).query(Long.class).single())
                .as("the proforma created past history is gone again").isZero();
        Users.actAs("manager", "MANAGER");
        IntegrityReport after = recovery.checkIntegrity();
        assertThat(after.changes()).extracting(UntracedChange::proformaId)
                .doesNotContain(renamed, repriced, deleted, untouched, created);
    }

    @Test
    void a_restore_covers_only_what_the_newest_check_found() {
        Users.actAs("manager", "MANAGER");
        IntegrityReport report = recovery.checkIntegrity();
        long tracedOnly = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Traced")));
        Users.actAs("manager", "MANAGER");
        assertThatThrownBy(() -> recovery.previewLastRecorded(report.checkId(), List.of(tracedOnly), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Only proformas the integrity check found can be restored to their last recorded state");
        IntegrityReport newer = recovery.checkIntegrity();
        assertThat(newer.checkId()).isGreaterThan(report.checkId());
        assertThatThrownBy(() -> recovery.previewLastRecorded(report.checkId(), List.of(), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A newer integrity check has run since");
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void an_attacker_cannot_erase_the_ddl_audit_nor_forge_findings(AttackRole role) throws SQLException {
        Users.actAs("manager", "MANAGER");
        long checkId = recovery.checkIntegrity().checkId();
        try (Connection attacker = role.connect(roles); Statement s = attacker.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("delete from countersign_audit.ddl_audit"))
                    .hasMessageContaining("permission denied");
            assertThat(count(s, "select count(*) from integrity_finding where check_id = " + checkId))
                    .as("the findings are readable").isNotNegative();
        }
        try (Connection attacker = role.connect(roles); Statement s = attacker.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("delete from integrity_finding where check_id = " + checkId))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("update integrity_check set findings = 0 where id = " + checkId))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void the_owner_of_the_tables_cannot_silence_the_ddl_audit() throws SQLException {
        try (Connection owner = roles.asOwner(); Statement s = owner.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("delete from countersign_audit.ddl_audit"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("drop event trigger countersign_ddl_audit_end"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("create or replace function countersign_audit.record_ddl() "
                    + "returns event_trigger language plpgsql as $$ begin end $$"))
                    .hasMessageContaining("permission denied for schema countersign_audit");
            s.execute("create rule swallow as on insert to proforma_version do instead nothing");
            s.execute("drop rule swallow on proforma_version");
        }
        assertThat(structureChanges()).anySatisfy(change -> {
            assertThat(change.command()).isEqualTo("CREATE RULE");
            assertThat(change.dbUser()).isEqualTo("countersign");
        }).anySatisfy(change -> assertThat(change.statement()).isEqualTo("drop rule swallow on proforma_version"));
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<StructureChange> structureChanges() {
        Users.actAs("manager", "MANAGER");
        return recovery.structureChanges(50);
    }

    private long versions(List<Long> ids) {
        return jdbc.sql("""
                select (select count(*) from proforma_version where proforma_id in (:ids))
                     + (select count(*) from proforma_line_version where proforma_id in (:ids))
                """).param("ids", ids).query(Long.class).single();
    }
}
