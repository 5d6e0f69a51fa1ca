package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statement of 2024-05-09 and its relatives, run as the application's own database user over
 * plain JDBC: the database itself refuses them, and not one row changes.
 */
@CountersignTest
class PostmortemReplayTest {

    @Autowired
    DatabaseRoles roles;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProformaService proformas;

    final List<Long> ids = new ArrayList<>();
    String before;

    @BeforeEach
    void three_proformas_exist() {
        Users.actAs("staff", "STAFF");
        for (int i = 0; i < 3; i++) {
            ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Postmortem"))).id());
        }
        Users.anonymous();
        before = Tables.checksum(jdbc);
    }

    @AfterEach
    void nothing_changed() {
        assertThat(Tables.checksum(jdbc)).as("proforma and proforma_line rows").isEqualTo(before);
    }

    @Test
    void the_update_without_where_is_rejected() {
        assertRejected("update proforma set customer_name = 'x'", "UPDATE on proforma touches");
    }

    @Test
    void where_one_equals_one_is_rejected_because_the_guard_counts_rows_not_syntax() {
        assertRejected("update proforma set customer_name = 'x' where 1=1", "UPDATE on proforma touches");
        assertRejected("update proforma set notes = 'x' where id > 0", "UPDATE on proforma touches");
    }

    @Test
    void deleting_every_line_is_rejected() {
        assertRejected("delete from proforma_line", "DELETE on proforma_line touches");
    }

    @Test
    void an_update_through_a_join_touching_many_proformas_is_rejected() {
        assertRejected("""
                update proforma_line l set unit_price = unit_price * 2
                  from proforma p where p.id = l.proforma_id and p.status = 'DRAFT'
                """, "UPDATE on proforma_line touches");
    }

    @Test
    void a_loop_of_single_row_updates_in_one_transaction_is_rejected_and_rolled_back() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update proforma set notes = 'loop' where id = " + ids.get(0));
                assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'loop' where id = " + ids.get(1)))
                        .hasMessageContaining("this transaction has now changed 2 proformas")
                        .hasMessageContaining("needs an approved change set");
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void truncate_is_rejected() {
        // the portal's role may not truncate at all; the owner, who may, meets the guard
        for (String truncate : List.of("truncate proforma_line", "truncate proforma cascade")) {
            assertThatThrownBy(() -> {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.executeUpdate(truncate);
                }
            }).hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> roles.ownerSql().sql("truncate proforma_line").update())
                .hasMessageContaining("Countersign guard").hasMessageContaining("TRUNCATE of proforma_line is never allowed");
        assertThatThrownBy(() -> roles.ownerSql().sql("truncate proforma cascade").update())
                .hasMessageContaining("Countersign guard").hasMessageContaining("TRUNCATE of proforma is never allowed");
    }

    @Test
    void one_proforma_can_still_be_changed_by_its_key() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update proforma set notes = 'fixed' where id = " + ids.get(0))).isEqualTo(1);
        }
        assertThat(jdbc.sql("select notes from proforma where id = :id").param("id", ids.get(0))
                .query(String.class).single()).isEqualTo("fixed");
        before = Tables.checksum(jdbc);
    }

    private void assertRejected(String sql, String message) {
        assertThatThrownBy(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
        }).isInstanceOf(SQLException.class)
                .hasMessageContaining("Countersign guard")
                .hasMessageContaining(message);
    }
}
