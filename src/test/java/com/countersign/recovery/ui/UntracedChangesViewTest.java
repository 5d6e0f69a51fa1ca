package com.countersign.recovery.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.PreviewRow;
import com.countersign.recovery.IntegrityReport.Difference;
import com.countersign.recovery.IntegrityReport.UntracedChange;
import com.countersign.recovery.RecoveryScenario;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.KaribuTest;
import com.countersign.support.PastTheTriggers;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UntracedChangesViewTest extends KaribuTest {

    @Autowired RecoveryScenario scenario;
    @Autowired DatabaseRoles roles;

    @Test
    void a_manager_checks_now_sees_what_history_last_recorded_and_previews_the_way_back() throws SQLException {
        String customer = Fixtures.uniqueCustomer("Seen");
        long overwritten = scenario.create(Fixtures.content(customer));
        PastTheTriggers.write(roles, "update proforma set notes = 'written past history' where id = " + overwritten);
        login("manager", "MANAGER");

        RecoveryView view = navigate(RecoveryView.class);
        _click(view.untraced.checkNow);

        assertThat(view.untraced.status.getText()).startsWith("Last check ").contains("(on demand)")
                .contains("were changed without a trace in history");
        UntracedChange finding = view.untraced.findings.getListDataView().getItems()
                .filter(f -> f.proformaId() == overwritten).findFirst().orElseThrow();
        assertThat(finding.what()).isEqualTo("changed without a trace (header)");
        view.untraced.findings.select(finding);
        assertThat(view.untraced.differences.getListDataView().getItems())
                .containsExactly(new Difference("notes", null, "written past history"));

        _click(view.untraced.restoreAll);
        assertThat(view.restore.isVisible()).isTrue();
        assertThat(view.restore.preview.getGenericDataView().getItems().map(PreviewRow.class::cast))
                .anySatisfy(row -> {
                    assertThat(row.proformaId()).isEqualTo(overwritten);
                    assertThat(row.field()).isEqualTo("notes");
                    assertThat(row.before()).isEqualTo("written past history");
                    assertThat(row.after()).isNull();
                });
    }
}
