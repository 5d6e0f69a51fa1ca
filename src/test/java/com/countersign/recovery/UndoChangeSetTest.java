package com.countersign.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.base.EditingLockedException;
import com.countersign.lock.EditLockService;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CountersignTest
class UndoChangeSetTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired RecoveryService recovery;
    @Autowired JdbcClient jdbc;
    @Autowired EditLockService locks;

    @Autowired RecoveryScenario scenario;

    @Test
    void undoing_a_change_set_without_conflicts_puts_back_exactly_what_it_changed() {
        Set<Long> ids = Set.of(scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Undo"))),
                scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Undo"))));
        String before = scenario.contentOf(ids);
        long bulk = scenario.bulkApplied(ids, BulkOperation.ADJUST_LINE_PRICES, "10");
        assertThat(scenario.contentOf(ids)).isNotEqualTo(before);

        RecoveryDraft draft = scenario.previewUndo(bulk, Map.of());

        assertThat(draft.conflicts()).isEmpty();
        assertThat(draft.changeSet().proformaCount()).isEqualTo(2);
        // each line as it is now (10 % up) beside the line it goes back to, as the reviewer sees it
        assertThat(approvals.previewPage(draft.changeSet().id(), 0, 100)).hasSize(2).allSatisfy(row -> {
            assertThat(row.field()).isEqualTo("line");
            assertThat(row.position()).isZero();
            assertThat(row.before()).startsWith("Consulting day: 2.000 × 935.0000 @ 20.00");
            assertThat(row.after()).startsWith("Consulting day: 2.000 × 850.0000 @ 20.00");
        });
        assertThat(approvals.previewSize(draft.changeSet().id())).isEqualTo(2);
        assertThat(scenario.restoreApplied(draft)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(scenario.contentOf(ids)).isEqualTo(before);
    }

    @Test
    void a_proforma_edited_after_the_change_set_is_a_conflict_skipped_by_default_with_its_later_changes() {
        long kept = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Conflict")));
        long edited = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Conflict")));
        long bulk = scenario.bulkApplied(Set.of(kept, edited), BulkOperation.SET_NOTES, "wrong note");
        String renamed = Fixtures.uniqueCustomer("Renamed");
        editCustomer(edited, renamed);

        RecoveryDraft draft = scenario.previewUndo(bulk, Map.of());

        assertThat(draft.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.proformaId()).isEqualTo(edited);
            assertThat(conflict.resolution()).isEqualTo(ConflictChoice.Resolution.SKIP);
            assertThat(conflict.laterChanges()).anySatisfy(change -> {
                assertThat(change.actor()).isEqualTo("staff");
                assertThat(change.fields()).contains("customer_name");
            });
        });
        assertThat(draft.changeSet().proformaCount()).isEqualTo(1);
        assertThat(scenario.restoreApplied(draft)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(scenario.field(kept, "notes")).isNull();
        assertThat(scenario.field(edited, "notes")).isEqualTo("wrong note");
        assertThat(scenario.field(edited, "customer_name")).isEqualTo(renamed);
    }

    @Test
    void a_conflict_may_be_restored_in_chosen_fields_only_keeping_the_later_edit() {
        long edited = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Partial")));
        long other = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Partial")));
        long bulk = scenario.bulkApplied(Set.of(edited, other), BulkOperation.SET_STATUS, "ISSUED");
        Users.actAs("staff", "STAFF");
        var current = proformas.find(edited).orElseThrow();
        ProformaContent c = current.content();
        proformas.update(edited, current.version(), new ProformaContent(c.customerName(), c.customerAddress(),
                c.customerVatId(), c.issueDate(), c.validUntil(), c.currency(), c.status(), "called the customer",
                c.lines()));

        RecoveryDraft draft = scenario.previewUndo(bulk, Map.of(edited, ConflictChoice.only("status", "notes")));

        assertThat(draft.conflicts()).singleElement().satisfies(conflict ->
                assertThat(conflict.resolution()).isEqualTo(ConflictChoice.Resolution.FIELDS));
        assertThat(draft.changeSet().proformaCount()).isEqualTo(2);
        assertThat(scenario.restoreApplied(draft)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(scenario.field(edited, "status")).isEqualTo("DRAFT");
        assertThat(scenario.field(edited, "notes")).isEqualTo("called the customer"); // not changed by the bulk edit
        assertThat(scenario.field(other, "status")).isEqualTo("DRAFT");
    }

    @Test
    void deleted_proformas_come_back_with_their_numbers_and_lines_and_undoing_the_undo_deletes_them_again() {
        List<com.countersign.proforma.ProformaLine> lines = List.of(Fixtures.line("Licence", "1", "1200.00", "19"),
                Fixtures.line("Support hours", "12", "95.50", "19"));
        long first = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Deleted"), ProformaStatus.DRAFT, lines));
        long second = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Deleted"), ProformaStatus.DRAFT, lines));
        Set<Long> ids = Set.of(first, second);
        String number = scenario.field(first, "number");
        String before = scenario.contentOf(ids);
        long deletion = scenario.bulkApplied(ids, BulkOperation.DELETE, null);
        assertThat(scenario.contentOf(ids)).isEqualTo("none");

        RecoveryDraft undo = scenario.previewUndo(deletion, Map.of());
        assertThat(undo.changeSet().proformaCount()).isEqualTo(2);
        assertThat(scenario.restoreApplied(undo)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(scenario.contentOf(ids)).isEqualTo(before);
        assertThat(scenario.field(first, "number")).isEqualTo(number);

        RecoveryDraft undoOfUndo = scenario.previewUndo(undo.changeSet().id(), Map.of());
        assertThat(undoOfUndo.changeSet().proformaCount()).isEqualTo(2);
        assertThat(scenario.restoreApplied(undoOfUndo)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(scenario.contentOf(ids)).isEqualTo("none");
    }

    @Test
    void undoing_an_undo_brings_the_change_back() {
        long id = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Twice")));
        long other = scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Twice")));
        long bulk = scenario.bulkApplied(Set.of(id, other), BulkOperation.SHIFT_VALID_UNTIL, "7");
        String shifted = scenario.contentOf(Set.of(id, other));
        RecoveryDraft undo = scenario.previewUndo(bulk, Map.of());
        scenario.restoreApplied(undo);
        assertThat(scenario.contentOf(Set.of(id, other))).isNotEqualTo(shifted);

        RecoveryDraft redo = scenario.previewUndo(undo.changeSet().id(), Map.of());

        assertThat(redo.conflicts()).isEmpty();
        assertThat(scenario.restoreApplied(redo)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(scenario.contentOf(Set.of(id, other))).isEqualTo(shifted);
    }

    @Test
    void the_risk_policy_sees_how_far_an_undo_moves_a_gross_total() {
        List<com.countersign.proforma.ProformaLine> licence = List.of(Fixtures.line("Licence", "1", "1200.00", "19"));
        Set<Long> ids = Set.of(
                scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Gross"), ProformaStatus.DRAFT, licence)),
                scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Gross"), ProformaStatus.DRAFT, licence)));
        long doubled = scenario.bulkApplied(ids, BulkOperation.ADJUST_LINE_PRICES, "100");

        RecoveryDraft undo = scenario.previewUndo(doubled, Map.of());

        // 1,200.00 net at 19 % back from 2,400.00: the gross total moves by 1,428.00, above the 1,000 threshold
        assertThat(undo.changeSet().riskReasons()).anySatisfy(reason ->
                assertThat(reason).startsWith("changes a gross total by 1,428.00 EUR, above the threshold of 1,000.00 EUR"));
    }

    @Test
    void a_restore_is_not_submitted_while_editing_is_locked_and_stays_a_draft() {
        Set<Long> ids = Set.of(scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Locked"))),
                scenario.create(Fixtures.content(Fixtures.uniqueCustomer("Locked"))));
        long bulk = scenario.bulkApplied(ids, BulkOperation.SET_NOTES, "during the incident");
        RecoveryDraft undo = scenario.previewUndo(bulk, Map.of());
        Users.actAs("manager", "MANAGER");
        locks.lock("incident: checking the damage", null);
        try {
            assertThatThrownBy(() -> recovery.submit(undo.changeSet().id(), "undo the notes"))
                    .isInstanceOf(EditingLockedException.class)
                    .hasMessageContaining("Editing is locked");
            assertThat(scenario.status(undo.changeSet().id())).isEqualTo(ChangeSetStatus.DRAFT);
        } finally {
            Users.actAs("manager", "MANAGER");
            locks.unlock("checked");
        }
        assertThat(scenario.restoreApplied(undo)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(scenario.field(ids.iterator().next(), "notes")).isNull();
    }

    private void editCustomer(long id, String customer) {
        Users.actAs("staff", "STAFF");
        var current = proformas.find(id).orElseThrow();
        ProformaContent c = current.content();
        proformas.update(id, current.version(), new ProformaContent(customer, c.customerAddress(), c.customerVatId(),
                c.issueDate(), c.validUntil(), c.currency(), c.status(), c.notes(), c.lines()));
    }
}
