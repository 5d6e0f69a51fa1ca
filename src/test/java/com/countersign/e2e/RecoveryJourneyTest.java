package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.recovery.RecoveryScenario;
import com.countersign.recovery.RecoveryService;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A manager undoes an applied bulk edit from /recovery: picks it, previews the undo, submits it; a
 * reviewer approves it in the Review inbox; once applied the proformas are as before, in the
 * browser and in the database, and history says which change set put them back.
 */
class RecoveryJourneyTest extends BrowserTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired RecoveryService recovery;
    @Autowired JdbcClient jdbc;
    @Autowired RecoveryScenario scenario;

    @AfterEach
    void signOutOfTheTestThread() {
        Users.anonymous();
    }

    @Test
    void managerUndoesAnAppliedBulkEditThroughApproval() {
        String prefix = Fixtures.uniqueCustomer("Undo");
        long a = scenario.create(Fixtures.content(prefix + " A"));
        long b = scenario.create(Fixtures.content(prefix + " B"));
        ProformaContent beforeA = content(a);
        ProformaContent beforeB = content(b);
        // the bad change: staff raise every line price by 10 %, a reviewer approves it, it is applied
        String badReason = "Price list 2027 applied early " + System.nanoTime();
        Users.actAs("staff", "STAFF");
        long bad = approvals.preview(BulkEditRequest.of(Set.of(a, b), BulkOperation.ADJUST_LINE_PRICES, "10")).id();
        approvals.submit(bad, badReason);
        scenario.approveAndApply(bad, "staff");
        assertThat(content(a)).isNotEqualTo(beforeA);

        Browser manager = signedIn("manager");
        assertThat(new ProformaEditorPage(manager).open(a).totals()).contains("Net 1,870.00 EUR");
        RecoveryPage page = new RecoveryPage(manager).open().selectChangeSet(badReason);
        RecoveryPage.Preview preview = page.previewUndo();
        assertThat(preview.proformas()).isEqualTo(2);
        assertThat(preview.summary()).contains("0 conflict(s)");
        page.previewCell(number(a));
        page.previewCell(number(b));
        manager.screenshot("recovery-1-undo-preview");
        long restore = page.submit("Undo the early price list: customers were quoted 2026 prices");
        assertThat(restore).isEqualTo(preview.changeSetId());
        manager.screenshot("recovery-2-submitted");

        // the manager asked for it, so a reviewer decides
        Browser reviewer = signedIn("reviewer");
        ReviewInboxPage inbox = new ReviewInboxPage(reviewer).open();
        assertThat(inbox.select(restore)).as("restore %d in the reviewer's inbox", restore).isTrue();
        reviewer.screenshot("recovery-3-review");
        inbox.approve("Matches the customers' confirmations");
        assertThat(scenario.status(restore).name()).isEqualTo("APPROVED");
        scenario.runApplyJob(restore);
        assertThat(scenario.status(restore).name()).isEqualTo("APPLIED");

        assertThat(content(a)).isEqualTo(beforeA);
        assertThat(content(b)).isEqualTo(beforeB);
        assertThat(jdbc.sql("select count(*) from proforma_version where change_set_id = :cs").param("cs", restore)
                .query(Integer.class).single()).as("history rows of the restore").isEqualTo(2);
        assertThat(new ProformaEditorPage(manager).open(a).totals()).contains("Net 1,700.00 EUR");
        assertThat(new MyRequestsPage(manager).open().select(restore)).startsWith("Change set " + restore + " is Applied");
        manager.screenshot("recovery-4-applied");
    }

    private String number(long id) {
        Users.actAs("staff", "STAFF");
        return proformas.find(id).orElseThrow().number();
    }

    private ProformaContent content(long id) {
        Users.actAs("staff", "STAFF");
        return proformas.find(id).orElseThrow().content();
    }
}
