package com.countersign.approval.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.support.KaribuTest;
import com.countersign.approval.PreviewRow;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ui.ProformaListView;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.countersign.proforma.ProformaSummary;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CountersignTest
class BulkEditDialogTest extends KaribuTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;

    @Test
    void all_proformas_matching_the_filter_are_previewed_exactly_and_submitted_with_a_reason() {
        login("staff", "STAFF");
        String customer = Fixtures.uniqueCustomer("BulkUi");
        for (int i = 0; i < 3; i++) {
            proformas.create(Fixtures.content(customer));
        }
        UI.getCurrent().navigate(ProformaListView.class);
        _get(TextField.class, spec -> spec.withLabel("Customer starts with")).setValue(customer);
        _click(_get(Button.class, spec -> spec.withText("Bulk edit…")));

        BulkEditDialog dialog = _get(BulkEditDialog.class);
        assertThat(dialog.getHeaderTitle()).isEqualTo("Bulk edit of all 3 proformas matching the filter");
        dialog.operation.setValue(BulkOperation.ADJUST_LINE_PRICES);
        dialog.value.setValue("10");
        _click(dialog.preview);

        assertThat(dialog.counts.getText()).isEqualTo("3 proformas and 3 lines affected; 3 changed fields");
        assertThat(dialog.risk.getText()).contains("Standard: one reviewer").contains("touches 3 proformas");
        assertThat(GridKt._size(dialog.diff)).isEqualTo(3);
        PreviewRow first = GridKt._get(dialog.diff, 0);
        assertThat(first.before()).isEqualTo("850.00");
        assertThat(first.after()).isEqualTo("935.00");
        assertThat(GridKt._getFormattedRow(dialog.diff, 0)).as("people read field names, not columns")
                .contains("Line 1: Unit price").doesNotContain("unit_price");

        _click(dialog.submit);
        assertThat(dialog.reason.isInvalid()).as("a reason is required").isTrue();
        dialog.reason.setValue("price increase agreed with the customer");
        _click(dialog.submit);

        assertThat(NotificationsKt.getNotifications()).isNotEmpty();
        assertThat(approvals.myRequests().get(0).status()).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        assertThat(approvals.myRequests().get(0).reason()).isEqualTo("price increase agreed with the customer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rows_picked_in_the_list_are_the_ones_edited() {
        login("staff", "STAFF");
        String customer = Fixtures.uniqueCustomer("Picked");
        for (int i = 0; i < 3; i++) {
            proformas.create(Fixtures.content(customer));
        }
        UI.getCurrent().navigate(ProformaListView.class);
        _get(TextField.class, spec -> spec.withLabel("Customer starts with")).setValue(customer);
        Grid<ProformaSummary> grid = _get(Grid.class);
        grid.select(GridKt._get(grid, 0));
        grid.select(GridKt._get(grid, 2));
        _click(_get(Button.class, spec -> spec.withText("Bulk edit…")));

        BulkEditDialog dialog = _get(BulkEditDialog.class);
        int requests = approvals.myRequests().size();
        assertThat(dialog.getHeaderTitle()).isEqualTo("Bulk edit of 2 picked proforma(s)");
        dialog.operation.setValue(BulkOperation.DELETE);
        _click(dialog.preview);
        assertThat(dialog.counts.getText()).isEqualTo("2 proformas and 2 lines affected; 2 changed fields");
        assertThat(dialog.risk.getText()).contains("deletes proformas");
        _click(_get(Button.class, spec -> spec.withText("Cancel")));
        assertThat(approvals.myRequests()).as("the draft was discarded").hasSize(requests);
    }
}
