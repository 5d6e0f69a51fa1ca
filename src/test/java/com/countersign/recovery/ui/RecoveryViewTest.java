package com.countersign.recovery.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.ChangeSetSummary;
import com.countersign.base.ui.PageDeniedView;
import com.countersign.lock.EditLockService;
import com.countersign.proforma.ProformaService;
import com.countersign.recovery.ConflictChoice;
import com.countersign.recovery.RecoveryConflict;
import com.countersign.recovery.RecoveryScenario;
import com.countersign.recovery.RecoveryService;
import com.countersign.support.Fixtures;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecoveryViewTest extends KaribuTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired RecoveryService recovery;
    @Autowired JdbcClient jdbc;
    @Autowired EditLockService locks;

    @Autowired RecoveryScenario scenario;

    @Test
    void a_manager_undoes_an_applied_change_set_and_submits_the_restore_for_approval() {
        Set<Long> ids = Set.of(scenario.create(Fixtures.content(Fixtures.uniqueCustomer("View"))),
                scenario.create(Fixtures.content(Fixtures.uniqueCustomer("View"))));
        long bulk = scenario.bulkApplied(ids, BulkOperation.SET_NOTES, "from the view test");
        login("manager", "MANAGER");

        RecoveryView view = navigate(RecoveryView.class);
        ChangeSetSummary applied = view.changeSets.getListDataView().getItems().filter(c -> c.id() == bulk)
                .findFirst().orElseThrow();
        view.changeSets.select(applied);
        _click(view.undo);

        assertThat(view.restore.isVisible()).isTrue();
        assertThat(view.restore.summary.getText()).contains("restores 2 proforma(s)").contains("0 conflict(s)");
        assertThat(view.restore.preview.getGenericDataView().getItems().count()).isEqualTo(2);
        _setValue(view.restore.reason, "the notes went to the wrong proformas");
        _click(view.restore.submit);

        long restoreId = view.restore.draft().changeSet().id();
        assertThat(scenario.status(restoreId)).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        assertThat(view.restore.isVisible()).isFalse();
    }

    @Test
    void a_manager_previews_a_point_in_time_restore_of_some_customers_and_sees_what_changed() {
        String prefix = Fixtures.uniqueCustomer("ViewPit");
        LocalDateTime before = LocalDateTime.now(RecoveryView.ZONE).truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        pauseASecond();
        long a = scenario.create(Fixtures.content(prefix + " a"));
        long b = scenario.create(Fixtures.content(prefix + " b"));
        scenario.bulkApplied(Set.of(a, b), BulkOperation.SET_STATUS, "ISSUED");
        login("admin", "ADMIN");

        RecoveryView view = navigate(RecoveryView.class);
        _setValue(view.at, before);
        _setValue(view.customerPrefix, prefix);
        _setValue(view.cancelCreatedAfter, true);
        _click(view.previewRestore);

        assertThat(view.restore.summary.getText()).contains("restores 2 proforma(s)");
        _setValue(view.from, before);
        _setValue(view.to, LocalDateTime.now(RecoveryView.ZONE).plusMinutes(1));
        _click(view.summarise);
        assertThat(view.perField.getGenericDataView().getItems()).anySatisfy(c -> assertThat(c.key()).isEqualTo("status"));
        assertThat(view.perActor.getGenericDataView().getItems()).anySatisfy(c -> assertThat(c.key()).isEqualTo("staff"));
    }

    @Test
    void a_manager_restores_only_the_chosen_fields_of_a_conflict_and_after_approval_only_those_change_back() {
        String prefix = Fixtures.uniqueCustomer("ViewFields");
        long chosen = scenario.create(Fixtures.content(prefix + " chosen"));
        long skipped = scenario.create(Fixtures.content(prefix + " skipped"));
        LocalDateTime before = LocalDateTime.now(RecoveryView.ZONE).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        pauseUntil(before.plusNanos(300_000_000));
        scenario.bulkApplied(Set.of(chosen, skipped), BulkOperation.SET_NOTES, "wrong note");
        scenario.bulkApplied(Set.of(chosen, skipped), BulkOperation.SET_STATUS, "ISSUED");
        login("manager", "MANAGER");

        RecoveryView view = navigate(RecoveryView.class);
        _setValue(view.at, before);
        _setValue(view.customerPrefix, prefix);
        _click(view.previewRestore);
        RestorePanel restore = view.restore;
        assertThat(restore.summary.getText()).contains("restores 0 proforma(s)").contains("2 conflict(s)");
        assertThat(restore.submit.isEnabled()).isFalse();

        RecoveryConflict conflict = restore.conflicts.getLazyDataView().getItems()
                .filter(c -> c.proformaId() == chosen).findFirst().orElseThrow();
        restore.conflicts.select(conflict);
        assertThat(restore.editor.isVisible()).isTrue();
        assertThat(restore.editor.laterChanges.getGenericDataView().getItems()).anySatisfy(row -> {
            assertThat(row.change().actor()).isEqualTo("staff");
            assertThat(row.field()).isEqualTo("notes");
            assertThat(row.before()).isNull();
            assertThat(row.after()).isEqualTo("wrong note");
        });
        assertThat(restore.editor.resolution.getValue()).isEqualTo(ConflictChoice.Resolution.SKIP);
        _setValue(restore.editor.resolution, ConflictChoice.Resolution.FIELDS);
        assertThat(restore.editor.fields.isInvalid()).isTrue();
        _setValue(restore.editor.fields, Set.of("notes"));
        assertThat(restore.pending.isVisible()).isTrue();
        assertThat(restore.submit.isEnabled()).isFalse();

        _click(restore.again);
        assertThat(restore.summary.getText()).contains("restores 1 proforma(s)");
        assertThat(restore.preview.getGenericDataView().getItems()).singleElement()
                .satisfies(row -> assertThat(row.field()).isEqualTo("notes"));
        _setValue(restore.reason, "the note went out by mistake; the status was meant");
        _click(restore.submit);
        long restoreId = restore.draft().changeSet().id();
        assertThat(scenario.approveAndApply(restoreId, "manager")).isEqualTo(ChangeSetStatus.APPLIED);

        assertThat(scenario.field(chosen, "notes")).isNull();
        assertThat(scenario.field(chosen, "status")).isEqualTo("ISSUED");
        assertThat(scenario.field(skipped, "notes")).isEqualTo("wrong note");
        assertThat(scenario.field(skipped, "status")).isEqualTo("ISSUED");
    }

    @Test
    void while_editing_is_locked_a_restore_can_be_previewed_but_the_view_says_why_it_cannot_be_submitted() {
        Set<Long> ids = Set.of(scenario.create(Fixtures.content(Fixtures.uniqueCustomer("ViewLock"))),
                scenario.create(Fixtures.content(Fixtures.uniqueCustomer("ViewLock"))));
        long bulk = scenario.bulkApplied(ids, BulkOperation.SET_NOTES, "before the lock");
        login("manager", "MANAGER");
        locks.lock("incident under investigation", null);
        try {
            RecoveryView view = navigate(RecoveryView.class);
            view.changeSets.select(view.changeSets.getListDataView().getItems().filter(c -> c.id() == bulk)
                    .findFirst().orElseThrow());
            _click(view.undo);

            assertThat(view.restore.summary.getText()).contains("restores 2 proforma(s)");
            assertThat(view.restore.locked.isVisible()).isTrue();
            assertThat(view.restore.locked.getText()).contains("Editing is locked").contains("incident under investigation")
                    .contains("submit it once editing is unlocked");
            assertThat(view.restore.submit.isEnabled()).isFalse();
            assertThat(scenario.status(view.restore.draft().changeSet().id())).isEqualTo(ChangeSetStatus.DRAFT);
        } finally {
            login("manager", "MANAGER");
            locks.unlock("investigated");
        }
    }

    @Test
    void staff_cannot_open_the_recovery_view() {
        login("staff", "STAFF");

        navigate("recovery");

        NavigatorKt.expectView(PageDeniedView.class);
        assertThat(_find(RecoveryView.class)).isEmpty();
    }

    private static void pauseUntil(LocalDateTime moment) {
        try {
            Thread.sleep(Math.max(0, java.time.Duration.between(LocalDateTime.now(RecoveryView.ZONE), moment).toMillis()));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pauseASecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
