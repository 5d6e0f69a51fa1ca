package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.AttackRole;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.ForgedChangeSets;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13, item 3: a token is honoured only in the transaction that claimed it and only for its
 * pinned targets, and change sets move only through the owner's functions. Each attack runs as the
 * portal's role and as the grant script's role; not one proforma, line or history row changes.
 */
@CountersignTest
class TokenBindingAttackTest {

    private static final String OWNER_STILL = "the portal still runs as the owner here; the role split (issue 13, item 1) closes this for it";

    @Autowired DatabaseRoles roles;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired ProformaService proformas;

    final List<Long> ids = new ArrayList<>();
    String before;
    long history;

    @BeforeEach
    void four_proformas_exist() {
        Users.actAs("staff", "STAFF");
        for (int i = 0; i < 4; i++) {
            ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Token binding"))).id());
        }
        Users.anonymous();
        before = Tables.checksum(jdbc);
        history = historyRows();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void self_approval_by_insert_is_refused(AttackRole role) throws SQLException {
        Assumptions.assumeFalse(ownsTheTables(role), OWNER_STILL);
        long changeSets = count("select count(*) from change_set");
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("""
                    insert into change_set (kind, status, reason, requested_by, expected_count)
                    values ('BULK_EDIT', 'APPROVED', 'approved by myself', 'staff', 4)"""))
                    .hasMessageContaining("permission denied for table change_set");
            assertThatThrownBy(() -> s.execute("""
                    insert into change_set_decision (change_set_id, step, decided_by, outcome)
                    select max(id), 'REVIEW', 'reviewer', 'APPROVE' from change_set"""))
                    .hasMessageContaining("permission denied for table change_set_decision");
        }
        assertThat(count("select count(*) from change_set")).isEqualTo(changeSets);
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void self_approval_by_update_is_refused(AttackRole role) throws SQLException {
        Assumptions.assumeFalse(ownsTheTables(role), OWNER_STILL);
        long pending = ForgedChangeSets.forge(roles, "BULK_EDIT", "PENDING_REVIEW", 4, ids);
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("update change_set set status = 'APPROVED' where id = " + pending))
                    .hasMessageContaining("permission denied for table change_set");
            assertThatThrownBy(() -> s.execute("insert into change_set_event (change_set_id, actor, what) values ("
                    + pending + ", 'reviewer', 'Approved')")).hasMessageContaining("permission denied for table change_set_event");
            s.execute("select set_config('countersign.change_set', '" + pending + "', false)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'mine' where id in " + idList(ids)))
                    .hasMessageContaining("is PENDING_REVIEW, not approved");
        }
        assertThat(statusOf(pending)).isEqualTo("PENDING_REVIEW");
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void an_approved_token_nobody_claimed_opens_nothing(AttackRole role) throws SQLException {
        long approved = ForgedChangeSets.approved(roles, 4, ids);
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            s.execute("select set_config('countersign.change_set', '" + approved + "', false)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'borrowed' where id in " + idList(ids)))
                    .hasMessageContaining("change set " + approved + " is approved but not claimed by this transaction");
        }
        assertThat(statusOf(approved)).isEqualTo("APPROVED");
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_token_of_a_change_set_another_transaction_is_applying_is_refused(AttackRole role) throws SQLException {
        long approved = ForgedChangeSets.approved(roles, 4, ids);
        try (Connection applying = dataSource.getConnection()) {
            applying.setAutoCommit(false);
            assertThat(ForgedChangeSets.claim(applying, approved)).isTrue(); // the portal's apply, still running
            try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
                // the claim is the apply's own until it commits (with the change set APPLIED)
                s.execute("select set_config('countersign.change_set', '" + approved + "', false)");
                assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'piggyback' where id in " + idList(ids)))
                        .hasMessageContaining("change set " + approved + " is approved but not claimed by this transaction");
                assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'piggyback' where id = " + ids.get(0)))
                        .hasMessageContaining("not claimed by this transaction");
                s.execute("set lock_timeout = '300ms'");
                assertThatThrownBy(() -> ForgedChangeSets.claim(c, approved)).as("nor claimed by a second transaction")
                        .hasMessageContaining("lock timeout");
            }
            applying.rollback();
        }
        assertThat(statusOf(approved)).isEqualTo("APPROVED");
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_claim_left_applying_by_a_finished_transaction_is_neither_honoured_nor_claimed_again(AttackRole role)
            throws SQLException {
        long approved = ForgedChangeSets.approved(roles, 4, ids);
        try (Connection first = dataSource.getConnection()) {
            assertThat(ForgedChangeSets.claim(first, approved)).isTrue(); // autocommit: APPLYING, its transaction over
        }
        long events = count("select count(*) from change_set_event where change_set_id = " + approved);
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> ForgedChangeSets.claim(c, approved))
                    .hasMessageContaining("change set " + approved + " is already claimed by transaction");
            c.rollback();
            s.execute("select set_config('countersign.change_set', '" + approved + "', false)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'stale' where id in " + idList(ids)))
                    .hasMessageContaining("is being applied by another transaction");
            c.rollback();
        }
        assertThat(statusOf(approved)).isEqualTo("APPLYING");
        assertThat(count("select count(*) from change_set_event where change_set_id = " + approved)).isEqualTo(events);
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_change_set_is_claimed_once_even_within_its_own_transaction(AttackRole role) throws SQLException {
        long approved = ForgedChangeSets.approved(roles, 2, ids.subList(0, 2));
        try (Connection c = role.connect(roles)) {
            c.setAutoCommit(false);
            assertThat(ForgedChangeSets.claim(c, approved)).isTrue();
            assertThatThrownBy(() -> ForgedChangeSets.claim(c, approved)).hasMessageContaining("already claimed");
            c.rollback();
        }
        assertThat(statusOf(approved)).isEqualTo("APPROVED");
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_claimed_token_writes_only_its_targets(AttackRole role) throws SQLException {
        long approved = ForgedChangeSets.approved(roles, 2, ids.subList(0, 2));
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            ForgedChangeSets.claimAndUse(c, approved);
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'not mine' where id in "
                    + idList(ids.subList(2, 4))))
                    .hasMessageContaining("touches proforma(s) " + ids.get(2) + ", " + ids.get(3)
                            + " that are not targets of change set " + approved);
            c.rollback();
            ForgedChangeSets.claimAndUse(c, approved);
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'one of each' where id in "
                    + idList(List.of(ids.get(0), ids.get(3))))).hasMessageContaining("not targets of change set");
            c.rollback();
            ForgedChangeSets.claimAndUse(c, approved);
            assertThatThrownBy(() -> s.executeUpdate("""
                    insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                    values (%d, 900, 'surprise charge', 1, 99999, 0)""".formatted(ids.get(3))))
                    .hasMessageContaining("not targets of change set");
            c.rollback();
        }
        assertThat(statusOf(approved)).isEqualTo("APPROVED");
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_targets_and_preview_of_a_submitted_change_set_cannot_be_rewritten(AttackRole role) throws SQLException {
        long pending = ForgedChangeSets.forge(roles, "BULK_EDIT", "PENDING_REVIEW", 2, ids.subList(0, 2));
        String targets = "select string_agg(proforma_id || '@' || previewed_version, ',' order by proforma_id)"
                + " from change_set_target where change_set_id = " + pending;
        String pinned = jdbc.sql(targets).query(String.class).single();
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("insert into change_set_target (change_set_id, proforma_id, previewed_version) "
                    + "select " + pending + ", id, version from proforma where id in " + idList(ids.subList(2, 4))))
                    .hasMessageContaining("change set " + pending + " is PENDING_REVIEW; its targets and preview are frozen");
            assertThatThrownBy(() -> s.execute("delete from change_set_target where change_set_id = " + pending))
                    .hasMessageContaining("frozen once submitted");
            assertThatThrownBy(() -> s.execute("update change_set_target set previewed_version = previewed_version - 1"
                    + " where change_set_id = " + pending)).message()
                    .containsAnyOf("permission denied for table change_set_target", "frozen once submitted");
            assertThatThrownBy(() -> s.execute("""
                    insert into change_set_preview (change_set_id, proforma_id, number, position, field, before_value, after_value)
                    values (%d, %d, 'PF-x', -1, 'notes', null, 'harmless')""".formatted(pending, ids.get(0))))
                    .hasMessageContaining("frozen once submitted");
            assertThatThrownBy(() -> s.execute("insert into change_set_target (change_set_id, proforma_id, previewed_version) "
                    + "values (999999999, " + ids.get(0) + ", 1)"))
                    .hasMessageContaining("change set 999999999 is missing");
        }
        assertThat(jdbc.sql(targets).query(String.class).single()).isEqualTo(pinned);
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_requester_cannot_decide_and_the_first_approver_cannot_second(AttackRole role) throws SQLException {
        long pending = ForgedChangeSets.forge(roles, "BULK_EDIT", "PENDING_REVIEW", 4, ids);
        roles.ownerSql().sql("update change_set set risk_tier = 'HIGH' where id = :id").param("id", pending).update();
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(decide(pending, "REVIEW", "staff")))
                    .hasMessageContaining("staff requested change set " + pending + " and cannot decide on it");
            s.execute(decide(pending, "REVIEW", "reviewer"));
            assertThat(statusOf(pending)).as("high tier: waits for the second approval").isEqualTo("PENDING_REVIEW");
            assertThatThrownBy(() -> s.execute(decide(pending, "SECOND_APPROVAL", "reviewer")))
                    .hasMessageContaining("reviewer already approved change set " + pending);
            assertThatThrownBy(() -> s.execute(decide(pending, "SECOND_APPROVAL", "staff")))
                    .hasMessageContaining("cannot decide on it");
            assertThatThrownBy(() -> s.execute(decide(pending, "REVIEW", "manager")))
                    .hasMessageContaining("has been reviewed already");
        }
        assertThat(statusOf(pending)).isEqualTo("PENDING_REVIEW");
        assertThat(jdbc.sql("select string_agg(decided_by || ':' || step, ',' order by id) from change_set_decision"
                + " where change_set_id = :id").param("id", pending).query(String.class).single())
                .isEqualTo("reviewer:REVIEW");
        assertThat(jdbc.sql("select string_agg(actor || ':' || what, ',' order by id) from change_set_event"
                + " where change_set_id = :id").param("id", pending).query(String.class).single())
                .as("every move on the timeline").isEqualTo("reviewer:attack");
        assertNothingChanged();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_dry_run_token_never_commits(AttackRole role) throws SQLException {
        long changeSets = count("select count(*) from change_set");
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long token;
            try (var rs = s.executeQuery("select public.countersign_dry_run_claim('admin', 'just a dry run')")) {
                rs.next();
                token = rs.getLong(1);
            }
            s.execute("select set_config('countersign.change_set', '" + token + "', true)");
            s.executeUpdate("update proforma set notes = 'kept?' where id in " + idList(ids));
            assertThatThrownBy(c::commit).hasMessageContaining("change set " + token + " is a dry run");
        }
        assertThat(count("select count(*) from change_set")).isEqualTo(changeSets);
        assertNothingChanged();
    }

    /** Until the role split (issue 13, item 1) the portal's role is the owner, whom no grant stops. */
    private boolean ownsTheTables(AttackRole role) throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement();
                var rs = s.executeQuery("select pg_get_userbyid(relowner) = current_user from pg_class"
                        + " where oid = 'public.change_set'::regclass")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String decide(long changeSet, String step, String decider) {
        return "select public.countersign_change_set_decide(%d, '%s', '%s', true, null, 'attack')"
                .formatted(changeSet, step, decider);
    }

    private void assertNothingChanged() {
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(historyRows()).isEqualTo(history);
    }

    private long historyRows() {
        return count("select (select count(*) from proforma_version) + (select count(*) from proforma_line_version)");
    }

    private String statusOf(long changeSet) {
        return jdbc.sql("select status from change_set where id = :id").param("id", changeSet).query(String.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String idList(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    }
}
