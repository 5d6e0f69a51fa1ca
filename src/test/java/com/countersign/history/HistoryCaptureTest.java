package com.countersign.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every write, through the portal or around it, leaves a version with who, why and how. */
@CountersignTest
class HistoryCaptureTest {

    @Autowired
    DatabaseRoles roles;

    @Autowired
    ProformaService proformas;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void portal_edits_are_recorded_with_the_user_and_the_reason() {
        Users.actAs("staff", "STAFF");
        ProformaSnapshot created = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("History")));
        Users.actAs("staff2", "STAFF");
        proformas.update(created.id(), created.version(), withStatus(created.content(), ProformaStatus.ISSUED));

        List<Map<String, Object>> versions = headerVersions(created.id());
        assertThat(versions).extracting(v -> v.get("operation"), v -> v.get("actor"), v -> v.get("reason"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("I", "staff", "Created in the portal"),
                        org.assertj.core.groups.Tuple.tuple("U", "staff2", "Edited in the portal"));
        assertThat(history.timeline(created.id())).extracting(HistoryEntry::what, HistoryEntry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Edited", "staff2"),
                        org.assertj.core.groups.Tuple.tuple("Created", "staff"));
    }

    @Test
    void raw_sql_is_recorded_with_the_database_role_as_actor() {
        Users.actAs("staff", "STAFF");
        ProformaSnapshot created = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Raw")));
        jdbc.sql("update proforma set notes = 'typed in psql' where id = :id").param("id", created.id()).update();
        jdbc.sql("delete from proforma where id = :id").param("id", created.id()).update();

        String role = jdbc.sql("select session_user").query(String.class).single();
        List<Map<String, Object>> versions = headerVersions(created.id());
        assertThat(versions).extracting(v -> v.get("operation")).containsExactly("I", "U", "D");
        assertThat(versions.get(1)).containsEntry("actor", role).containsEntry("notes", "typed in psql");
        assertThat(versions.get(2)).containsEntry("actor", role);
        assertThat(jdbc.sql("select count(*) from proforma_line_version where proforma_id = :id and operation = 'D'")
                .param("id", created.id()).query(Integer.class).single())
                .as("the cascaded line delete is kept too").isEqualTo(1);
    }

    @Test
    void history_rows_cannot_be_changed_or_removed() {
        // the portal's role holds no such grant; the owner, who could, meets the append-only triggers
        assertThatThrownBy(() -> jdbc.sql("update proforma_version set actor = 'nobody' where version_id = 1").update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("delete from proforma_line_version where version_id = 1").update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> roles.ownerSql().sql("update proforma_version set actor = 'nobody' where version_id = 1")
                .update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> roles.ownerSql().sql("delete from proforma_line_version where version_id = 1").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void a_deleted_proforma_is_restored_with_its_number_and_lines_as_a_new_version() {
        Users.actAs("staff", "STAFF");
        ProformaSnapshot created = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Deleted"),
                ProformaStatus.ISSUED, List.of(Fixtures.line("Boards", "3", "12.50", "20"),
                        Fixtures.line("Freight", "1", "80", "0"))));
        jdbc.sql("delete from proforma where id = :id").param("id", created.id()).update();
        assertThat(proformas.find(created.id())).isEmpty();
        assertThat(history.isDeleted(created.id())).isTrue();

        ProformaVersion last = history.lastKnown(created.id()).orElseThrow();
        proformas.count(com.countersign.proforma.ProformaFilter.ALL);
        ProformaSnapshot restored = history.restore(created.id(), last.validFrom(), "deleted by mistake");

        assertThat(restored.number()).isEqualTo(created.number());
        assertThat(restored.content()).isEqualTo(created.content());
        assertThat(headerVersions(created.id())).extracting(v -> v.get("operation")).containsExactly("I", "D", "I");
        assertThat(headerVersions(created.id()).get(2).get("reason").toString()).contains("deleted by mistake");
    }

    @Test
    void restoring_an_earlier_version_keeps_the_later_ones_in_history() {
        Users.actAs("staff", "STAFF");
        ProformaSnapshot v1 = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Restore")));
        ProformaSnapshot v2 = proformas.update(v1.id(), v1.version(), withStatus(v1.content(), ProformaStatus.CANCELLED));
        HistoryEntry first = history.timeline(v1.id()).get(1);

        ProformaSnapshot v3 = history.restore(v1.id(), first.at(), "cancelled the wrong one");

        assertThat(v3.content()).isEqualTo(v1.content());
        assertThat(v3.version()).isGreaterThan(v2.version());
        assertThat(history.timeline(v1.id())).hasSize(3);
        assertThat(history.diff(v1.id(), first.at(), history.timeline(v1.id()).get(1).at()))
                .containsExactly(new FieldChange("Status", "DRAFT", "CANCELLED"));
    }

    @Test
    void a_restore_needs_a_reason_and_a_role_that_may_edit() {
        Users.actAs("staff", "STAFF");
        ProformaSnapshot created = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Reason")));
        HistoryEntry entry = history.timeline(created.id()).get(0);
        assertThatThrownBy(() -> history.restore(created.id(), entry.at(), "  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Say why");
        Users.actAs("reviewer", "REVIEWER");
        assertThatThrownBy(() -> history.restore(created.id(), entry.at(), "because"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    private List<Map<String, Object>> headerVersions(long id) {
        return jdbc.sql("select * from proforma_version where proforma_id = :id order by version_id")
                .param("id", id).query().listOfRows();
    }

    static ProformaContent withStatus(ProformaContent c, ProformaStatus status) {
        return new ProformaContent(c.customerName(), c.customerAddress(), c.customerVatId(), c.issueDate(),
                c.validUntil(), c.currency(), status, c.notes(), c.lines());
    }
}
