package com.countersign.approval.ui;

import static com.countersign.support.Ui.button;
import static com.countersign.support.Ui.notificationTexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.ChangeSetSummary;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.Fixtures;
import com.countersign.support.KaribuTest;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A risky single edit in the editor: nothing is saved, the editor says why it needs approval and
 * asks for a reason; only with a reason is it submitted, and the reviewer sees that reason.
 */
class RiskyEditDialogTest extends KaribuTest {

    @Autowired
    ProformaService proformas;

    @Autowired
    ApprovalService approvals;

    private ProformaSnapshot issued;

    @BeforeEach
    void openAnIssuedProforma() {
        login("staff", "STAFF");
        issued = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Risky edit"), ProformaStatus.ISSUED,
                List.of(Fixtures.line("Consulting day", "2", "850.00", "20"))));
        navigate("proformas/" + issued.id());
        @SuppressWarnings("unchecked")
        ComboBox<ProformaStatus> status = _get(ComboBox.class, spec -> spec.withLabel("Status"));
        _setValue(status, ProformaStatus.CANCELLED);
        _click(button("Save"));
    }

    @Test
    void the_editor_says_why_and_submits_only_with_a_reason_that_the_reviewer_sees() {
        Dialog dialog = _get(Dialog.class);
        assertThat(dialog.getHeaderTitle()).contains("needs approval");
        assertThat(dialog.getElement().getTextRecursively()).contains("ISSUED or ACCEPTED");

        _click(_get(dialog, com.vaadin.flow.component.button.Button.class,
                spec -> spec.withText("Submit for approval")));
        TextArea reason = _get(dialog, TextArea.class, spec -> spec.withLabel("Why is this change needed?"));
        assertThat(reason.isInvalid()).as("a blank reason is marked").isTrue();
        assertThat(mine()).as("nothing submitted without a reason").isEmpty();

        _setValue(reason, "Customer withdrew the order by phone, ticket 4711");
        _click(_get(dialog, com.vaadin.flow.component.button.Button.class,
                spec -> spec.withText("Submit for approval")));

        _assertNone(Dialog.class);
        List<ChangeSetSummary> submitted = mine();
        assertThat(submitted).singleElement().satisfies(cs -> {
            assertThat(cs.kind()).isEqualTo("SINGLE_EDIT");
            assertThat(cs.status()).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
            assertThat(cs.reason()).isEqualTo("Customer withdrew the order by phone, ticket 4711");
        });
        assertThat(notificationTexts()).anyMatch(t -> t.contains("change set " + submitted.get(0).id()));
        assertThat(proformas.find(issued.id()).orElseThrow().content().status())
                .as("nothing saved until approved").isEqualTo(ProformaStatus.ISSUED);

        login("reviewer", "REVIEWER");
        assertThat(approvals.inbox()).anyMatch(t -> t.changeSet().id() == submitted.get(0).id()
                && "Customer withdrew the order by phone, ticket 4711".equals(t.changeSet().reason()));
    }

    @Test
    void keep_editing_submits_nothing_and_keeps_the_typing() {
        _click(button("Keep editing"));

        _assertNone(Dialog.class);
        assertThat(mine()).isEmpty();
        @SuppressWarnings("unchecked")
        ComboBox<ProformaStatus> status = _get(ComboBox.class, spec -> spec.withLabel("Status"));
        assertThat(status.getValue()).isEqualTo(ProformaStatus.CANCELLED);
    }

    private List<ChangeSetSummary> mine() {
        return approvals.myRequests().stream()
                .filter(cs -> cs.selection() != null && cs.selection().contains(issued.number()))
                .toList();
    }
}
