package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.proforma.ProformaService;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.List;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class BulkEditJourneyTest extends BrowserTest {

    @Autowired
    ProformaService proformas;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ManagementService management;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOutOfTheTestThread() {
        Users.anonymous();
    }

    @Test
    void staffBulkEditIsApprovedByAReviewerAndApplied() {
        Users.actAs("staff", "STAFF");
        String prefix = Fixtures.uniqueCustomer("Bulk");
        long a = proformas.create(Fixtures.content(prefix + " A")).id();
        long b = proformas.create(Fixtures.content(prefix + " B")).id();
        String notes = "Bulk notes from the browser " + System.nanoTime();

        Browser staff = signedIn("staff");
        BulkEditDialogPage dialog = new ProformaListPage(staff).open().filterByCustomer(prefix, 2).bulkEdit()
                .operation("Set notes").value("Notes", notes).preview("2 proformas");
        staff.screenshot("bulk-1-preview");
        long changeSet = dialog.submit("Customers asked for the new payment terms");
        staff.screenshot("bulk-2-submitted");

        // the requester has no inbox to approve from: the route is refused on the server
        staff.go("/approvals/inbox");
        assertThat(staff.all("//h2[normalize-space()='Review inbox']")).isEmpty();
        assertThat(staff.all("//vaadin-button[normalize-space(text())='Approve']")).isEmpty();
        staff.screenshot("bulk-3-requester-has-no-inbox");

        Browser reviewer = signedIn("reviewer");
        ReviewInboxPage inbox = new ReviewInboxPage(reviewer).open();
        assertThat(inbox.select(changeSet)).as("change set %d in the reviewer's inbox", changeSet).isTrue();
        reviewer.screenshot("bulk-4-review");
        inbox.approve("Checked the preview");
        reviewer.screenshot("bulk-5-approved");

        // production's async executor is off in tests: run the apply job as it would
        runJobsOf(changeSet);
        assertThat(status(changeSet)).isEqualTo("APPLIED");
        assertThat(proformas.find(a).orElseThrow().content().notes()).isEqualTo(notes);
        assertThat(proformas.find(b).orElseThrow().content().notes()).isEqualTo(notes);

        ProformaEditorPage editor = new ProformaListPage(staff).open().filterByCustomer(prefix, 2).openRow(prefix + " A");
        assertThat(editor.notes()).isEqualTo(notes);
        staff.screenshot("bulk-6-applied");
    }

    @Test
    void aRequesterWhoIsAlsoAReviewerDoesNotSeeTheirOwnRequest() {
        Users.actAs("staff", "STAFF");
        String prefix = Fixtures.uniqueCustomer("Own");
        long a = proformas.create(Fixtures.content(prefix + " A")).id();
        long b = proformas.create(Fixtures.content(prefix + " B")).id();
        // the manager also holds REVIEWER; they ask for a change themselves
        Users.actAs("manager", "MANAGER", "REVIEWER");
        long changeSet = approvals.preview(new BulkEditRequest(Set.of(a, b), null, BulkOperation.SET_NOTES, "mine"))
                .id();
        approvals.submit(changeSet, "Manager's own request");

        Browser manager = signedIn("manager");
        assertThat(new ReviewInboxPage(manager).open().select(changeSet))
                .as("the manager's own change set %d in their inbox", changeSet).isFalse();
        manager.screenshot("own-request-not-in-inbox");
        Browser reviewer = signedIn("reviewer");
        assertThat(new ReviewInboxPage(reviewer).open().select(changeSet)).isTrue();
    }

    private void runJobsOf(long changeSet) {
        String process = jdbc.queryForObject("select process_instance_id from change_set where id = ?", String.class,
                changeSet);
        List<Job> jobs = management.createJobQuery().processInstanceId(process).list();
        assertThat(jobs).as("the apply job").hasSize(1);
        management.executeJob(jobs.get(0).getId());
    }

    private String status(long changeSet) {
        return jdbc.queryForObject("select status from change_set where id = ?", String.class, changeSet);
    }
}
