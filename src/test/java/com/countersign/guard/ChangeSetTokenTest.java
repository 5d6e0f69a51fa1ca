package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Under an approved change set, claimed by the writing transaction, the guard lets exactly the
 * approved number of its target proformas change, no more, no less.
 */
@CountersignTest
class ChangeSetTokenTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProformaService proformas;

    @Autowired
    DatabaseRoles roles;

    final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void four_proformas_exist() {
        Users.actAs("staff", "STAFF");
        for (int i = 0; i < 4; i++) {
            ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Token"))).id());
        }
        Users.anonymous();
    }

    @Test
    void exactly_the_approved_count_commits() throws SQLException {
        long changeSet = changeSet("APPROVED", 3);
        updateUnderToken(changeSet, ids.subList(0, 3));
        assertThat(notesOf(ids)).containsExactly("bulk", "bulk", "bulk", null);
        assertThat(jdbc.sql("select count(*) from proforma_version where change_set_id = :cs").param("cs", changeSet)
                .query(Integer.class).single()).as("history carries the change set").isEqualTo(3);
    }

    @Test
    void one_more_than_approved_rolls_the_whole_transaction_back() {
        long changeSet = changeSet("APPROVED", 3);
        String before = Tables.checksum(jdbc);
        assertThatThrownBy(() -> updateUnderToken(changeSet, ids))
                .hasMessageContaining("was approved for 3 proformas, this transaction has changed 4");
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
    }

    @Test
    void one_fewer_than_approved_fails_at_commit_and_changes_nothing() {
        long changeSet = changeSet("APPROVED", 3);
        String before = Tables.checksum(jdbc);
        assertThatThrownBy(() -> updateUnderToken(changeSet, ids.subList(0, 2)))
                .hasMessageContaining("was approved for 3 proformas, this transaction changed 2; rolled back");
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
    }

    @Test
    void a_change_set_that_is_not_approved_opens_nothing() {
        long changeSet = changeSet("PENDING_REVIEW", 3);
        String before = Tables.checksum(jdbc);
        assertThatThrownBy(() -> updateUnderToken(changeSet, ids.subList(0, 3)))
                .hasMessageContaining("is PENDING_REVIEW, not approved");
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
    }

    @Test
    void a_token_that_is_not_a_number_is_refused() {
        assertThatThrownBy(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("select set_config('countersign.change_set', 'all', true)");
                s.executeUpdate("update proforma set notes = 'x' where id = " + ids.get(0));
            }
        }).hasMessageContaining("countersign.change_set must be a change-set id");
    }

    private void updateUnderToken(long changeSet, List<Long> targets) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                ForgedChangeSets.claimAndUse(c, changeSet);
                s.executeUpdate("update proforma set notes = 'bulk' where id in ("
                        + targets.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Every proforma of the test is a target: the counts decide here, not the pinning. */
    private long changeSet(String status, int expected) {
        return ForgedChangeSets.forge(roles, "BULK_EDIT", status, expected, ids);
    }

    private List<String> notesOf(List<Long> targets) {
        return targets.stream()
                .map(id -> jdbc.sql("select notes from proforma where id = :id").param("id", id)
                        .query(String.class).optional().orElse(null))
                .toList();
    }
}
