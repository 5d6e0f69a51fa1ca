package com.countersign.proforma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.support.AttackRole;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A write by any path moves the proforma's version, so an editor opened before it gets a conflict
 * instead of silently saving over it: a deployment's UPDATE, raw SQL on the lines only, a script.
 */
@CountersignTest
class EveryWriteMovesTheVersionTest {

    @Autowired ProformaService proformas;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired DatabaseRoles roles;

    ProformaSnapshot opened;

    @BeforeEach
    void staff_open_a_proforma_in_the_editor() {
        Users.actAs("staff", "STAFF");
        opened = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Stale editor")));
    }

    @AfterEach
    void nobody() {
        Users.anonymous();
    }

    @Test
    void a_data_fix_on_the_header_is_a_conflict_for_the_editor_opened_before_it_not_a_silent_overwrite() {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("select set_config('countersign.actor', 'deployment 7 by admin', true)").query(String.class).single();
            jdbc.sql("update proforma set notes = 'fixed by the deployment' where id = :id").param("id", opened.id()).update();
        });

        ProformaSnapshot now = proformas.find(opened.id()).orElseThrow();
        assertThat(now.version()).isEqualTo(opened.version() + 1);
        assertThat(now.updatedBy()).isEqualTo("deployment 7 by admin");
        ProformaContent mine = withNotes(opened.content(), "typed in the stale editor");
        assertThatThrownBy(() -> proformas.update(opened.id(), opened.version(), mine))
                .isInstanceOf(EditConflictException.class);
        assertThat(proformas.find(opened.id()).orElseThrow().content().notes()).isEqualTo("fixed by the deployment");
    }

    @Test
    void raw_sql_on_the_lines_only_moves_the_version_once_and_names_the_database_role() {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("update proforma_line set description = 'changed underneath' where proforma_id = :id")
                    .param("id", opened.id()).update();
            jdbc.sql("update proforma_line set quantity = quantity + 1 where proforma_id = :id")
                    .param("id", opened.id()).update();
        });

        ProformaSnapshot now = proformas.find(opened.id()).orElseThrow();
        assertThat(now.version()).as("once per transaction").isEqualTo(opened.version() + 1);
        String role = jdbc.sql("select session_user::text").query(String.class).single();
        assertThat(now.updatedBy()).isEqualTo(role);
        assertThatThrownBy(() -> proformas.update(opened.id(), opened.version(), opened.content()))
                .isInstanceOf(EditConflictException.class);
    }

    @Test
    void an_update_that_changes_nothing_moves_nothing() {
        jdbc.sql("update proforma set notes = notes where id = :id").param("id", opened.id()).update();
        jdbc.sql("update proforma_line set description = description where proforma_id = :id").param("id", opened.id()).update();

        ProformaSnapshot now = proformas.find(opened.id()).orElseThrow();
        assertThat(now.version()).isEqualTo(opened.version());
        assertThat(now.updatedBy()).isEqualTo("staff");
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_write_past_the_portal_cannot_keep_the_version_still_by_setting_it_back(AttackRole role) throws SQLException {
        String who;
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            // the attacker writes notes and lines and pins version and "last changed by" to what the editor read
            s.executeUpdate("update proforma set notes = 'quietly changed', version = " + opened.version()
                    + ", updated_by = 'staff' where id = " + opened.id());
            s.executeUpdate("update proforma_line set unit_price = 1 where proforma_id = " + opened.id());
            try (var rs = s.executeQuery("select session_user::text")) {
                rs.next();
                who = rs.getString(1);
            }
        }

        ProformaSnapshot now = proformas.find(opened.id()).orElseThrow();
        assertThat(now.version()).isGreaterThan(opened.version());
        assertThat(now.updatedBy()).isEqualTo(who);
        assertThatThrownBy(() -> proformas.update(opened.id(), opened.version(), opened.content()))
                .isInstanceOf(EditConflictException.class);
    }

    @Test
    void the_portals_own_save_moves_the_version_by_exactly_one() {
        ProformaSnapshot saved = proformas.update(opened.id(), opened.version(), withNotes(opened.content(), "normal save"));

        assertThat(saved.version()).isEqualTo(opened.version() + 1);
        assertThat(saved.updatedBy()).isEqualTo("staff");
    }

    private static ProformaContent withNotes(ProformaContent c, String notes) {
        return new ProformaContent(c.customerName(), c.customerAddress(), c.customerVatId(), c.issueDate(), c.validUntil(),
                c.currency(), c.status(), notes, c.lines());
    }
}
