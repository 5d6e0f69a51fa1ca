package com.countersign.recovery.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.ChangeSetSummary;
import com.countersign.proforma.ProformaService;
import com.countersign.recovery.RecoveryScenario;
import com.countersign.recovery.RecoveryService;
import com.countersign.support.Fixtures;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.router.InternalServerError;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecoveryViewTest extends KaribuTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired RecoveryService recovery;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    RecoveryScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new RecoveryScenario(proformas, approvals, recovery, runtime, management, jdbc);
    }

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
    void staff_cannot_open_the_recovery_view() {
        login("staff", "STAFF");

        navigate("recovery");

        assertThat(NavigatorKt.getCurrentView()).isEqualTo(InternalServerError.class);
    }

    private static void pauseASecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
