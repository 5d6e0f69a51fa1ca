package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ReviewTask;
import com.countersign.demo.DemoSamples;
import com.countersign.deployment.DeploymentRequest;
import com.countersign.deployment.DeploymentService;
import com.countersign.deployment.DeploymentSummary;
import com.countersign.lock.EditLockService;
import com.countersign.paper.PaperService;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.recovery.RecoveryScenario;
import com.countersign.recovery.RecoveryService;
import com.countersign.support.Users;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's screenshots: the main views at 1440x900 with demo-like data (the demo seeder's 200
 * sample proformas, written here through the service), saved to target/e2e/tour/. It runs first in
 * the e2e execution ({@code @Order(1)}, class order by annotation in the pom), so no other journey's
 * test rows show up in the pictures; run alone it has a fresh database anyway. The PNGs that belong
 * in docs/screenshots/ are copied there by hand after looking at them.
 */
@Order(1)
class ScreenshotTour extends BrowserTest {

    static final int WIDTH = 1440;
    static final int HEIGHT = 900;

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired RecoveryService recovery;
    @Autowired JdbcClient jdbc;
    @Autowired PaperService paper;
    @Autowired DeploymentService deployments;
    @Autowired EditLockService locks;

    @Autowired RecoveryScenario flow;

    @AfterEach
    void unlockedAndSignedOut() {
        Users.actAs("manager", "MANAGER");
        if (locks.current().locked()) {
            locks.unlock("tour finished");
        }
        Users.anonymous();
    }

    @Test
    void tourOfTheMainViews() {
        seedDemoProformas();
        long showcase = proformaWithLines(4);
        editedTwice(showcase);
        reserveBlankForms();
        submitDeployments();
        rejectedRequestOfStaff();
        pendingRequestOfStaff2();

        Browser staff = signedIn("staff", WIDTH, HEIGHT);
        new ProformaListPage(staff).open();
        staff.shown("//vaadin-grid-cell-content[starts-with(normalize-space(), 'PF-')]");
        shot(staff, "01-proforma-list");

        ProformaEditorPage editor = new ProformaEditorPage(staff).open(showcase);
        assertThat(editor.totals()).startsWith("Net ");
        // Save at the bottom edge: customer, dates, lines and totals in one picture
        staff.scrollToBottom(staff.button("Save"));
        shot(staff, "02-proforma-editor");

        editor.tab("History");
        String historyGrid = "//vaadin-grid[.//vaadin-grid-cell-content[normalize-space()='staff2']]";
        staff.press(staff.inRow(historyGrid, "staff2", "vaadin-checkbox"));
        staff.click("Compare");
        staff.shown("//h4[contains(normalize-space(), 'differences')]");
        staff.scrollToTop(staff.shown("//vaadin-tab[normalize-space()='History']"));
        shot(staff, "03-history-compare");

        String customer = "Alpine Dairy";
        int matching = count("select count(*) from proforma where customer_name like 'Alpine Dairy%'");
        String priceReason = "Alpine Dairy accepted the 2027 price list (+4.5 %), signed 18 Nov";
        BulkEditDialogPage bulk = new ProformaListPage(staff).open().filterByCustomer(customer, matching).bulkEdit()
                .operation("Adjust line prices").value("Percent (e.g. 5 or -2.5)", "4.5")
                .preview(matching + " proformas");
        shot(staff, "04-bulk-edit-preview");
        long priceChange = bulk.submit(priceReason);

        Browser reviewer = signedIn("reviewer", WIDTH, HEIGHT);
        ReviewInboxPage inbox = new ReviewInboxPage(reviewer).open();
        assertThat(inbox.select(priceChange)).isTrue();
        reviewer.shown("//vaadin-grid-cell-content[contains(normalize-space(), 'line ')]");
        shot(reviewer, "05-review-inbox");
        inbox.approve("Checked against the signed price list");
        secondApprovalByTheManager(priceChange);
        flow.runApplyJob(priceChange);
        editedAfterwards(idsOf("Alpine Dairy", 1).get(0));

        new MyRequestsPage(staff).open().select(priceChange);
        shot(staff, "06-my-requests");

        Browser manager = signedIn("manager", WIDTH, HEIGHT);
        RecoveryPage recoveryPage = new RecoveryPage(manager).open().selectChangeSet(priceReason);
        shot(manager, "07-recovery");
        recoveryPage.previewUndo();
        manager.type("vaadin-text-area", "Why is this restore needed?",
                "Alpine Dairy withdrew their signature; the 2026 prices apply until the new contract");
        // present is enough: the heading sits above the typed reason, and Selenium's displayedness check has called
        // it hidden since the reasons under it grew (the screenshot shows it on screen once scrolled to)
        manager.scrollToTop(manager.until(d -> manager.all("//h3[normalize-space()='Restore preview']").stream()
                .findFirst().orElse(null)));
        shot(manager, "08-recovery-undo-preview");

        new PaperFormsPage(manager).open();
        manager.shown("//vaadin-grid-cell-content[normalize-space()='Field sales team, Vienna trade fair']");
        manager.scrollToTop(manager.shown("//span[starts-with(normalize-space(), 'Prints all ')]"));
        shot(manager, "09-paper-forms");

        manager.go("/deployments");
        manager.shown("//vaadin-grid-cell-content[normalize-space()='Correct payment terms for Baltic Timber']");
        shot(manager, "10-deployments");
        manager.press(manager.shown("//vaadin-grid-cell-content[normalize-space()='Flagged']"));
        manager.shown("//h3[normalize-space()='Dry run (rolled back)']");
        shot(manager, "11-deployment-detail");

        Users.actAs("manager", "MANAGER");
        locks.lock("Month-end close: proformas are being reconciled with the ERP export",
                Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS));
        new EditLockPage(manager).open();
        manager.shown("//div[contains(@class, 'cs-lock-banner')]");
        shot(manager, "12-edit-lock");
        new ProformaEditorPage(staff).open(showcase).lockBanner();
        assertThat(editor.saveEnabled()).isFalse();
        shot(staff, "13-editor-locked");
    }

    /** A clean picture: no toast, no overlay half faded in, the view settled. */
    private static void shot(Browser browser, String name) {
        browser.dismissNotifications();
        browser.idle();
        browser.loadingBarGone();
        Path file = browser.screenshot("tour/" + name);
        assertThat(file).isNotEmptyFile();
    }

    /** The same 200 sample proformas the demo mode seeds on a first start (same random seed). */
    private void seedDemoProformas() {
        Users.actAs("staff", "STAFF");
        Random random = new Random(20240509L);
        LocalDate today = LocalDate.now();
        for (int i = 0; i < 200; i++) {
            proformas.create(DemoSamples.sample(random, today));
        }
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    private long proformaWithLines(int lines) {
        return jdbc.sql("""
                select p.id from proforma p join proforma_line l on l.proforma_id = p.id
                 where p.status = 'DRAFT' group by p.id having count(*) = :lines order by p.id limit 1
                """).param("lines", lines).query(Long.class).single();
    }

    private List<Long> idsOf(String customerPrefix, int limit) {
        return jdbc.sql("select id from proforma where customer_name like :p order by id limit :limit")
                .param("p", customerPrefix + "%").param("limit", limit).query(Long.class).list();
    }

    /** Two people changed the showcase proforma, so its history has something to compare. */
    private void editedTwice(long id) {
        Users.actAs("staff2", "STAFF");
        ProformaSnapshot s = proformas.find(id).orElseThrow();
        ProformaContent c = s.content();
        s = proformas.update(id, s.version(), new ProformaContent(c.customerName(), c.customerAddress(),
                c.customerVatId(), c.issueDate(), c.validUntil().plusDays(14), c.currency(), c.status(),
                "Customer asked for delivery in two batches; the second one in March.", c.lines()));
        Users.actAs("staff", "STAFF");
        c = s.content();
        proformas.update(id, s.version(), new ProformaContent(c.customerName(), "Hafenstraße 41\n20457 Hamburg",
                c.customerVatId(), c.issueDate(), c.validUntil(), c.currency(), c.status(), c.notes(), c.lines()));
    }

    /** Someone touched a proforma after the price change: the undo shows it as a conflict. */
    private void editedAfterwards(long id) {
        Users.actAs("staff2", "STAFF");
        ProformaSnapshot s = proformas.find(id).orElseThrow();
        ProformaContent c = s.content();
        proformas.update(id, s.version(), new ProformaContent(c.customerName(), c.customerAddress(), c.customerVatId(),
                c.issueDate(), c.validUntil(), c.currency(), c.status(), "Delivery address confirmed by phone.",
                c.lines()));
    }

    private void reserveBlankForms() {
        Users.actAs("manager", "MANAGER");
        paper.reserveBlankForms(10, "Front desk, Warsaw office");
        paper.reserveBlankForms(20, "Field sales team, Vienna trade fair");
    }

    /** One deployment run and applied, one flagged for a second approval, one waiting for review. */
    private void submitDeployments() {
        List<Long> baltic = idsOf("Baltic Timber", 3);
        List<Long> fjord = idsOf("Fjord Software", 1);
        Users.actAs("admin", "ADMIN");
        DeploymentSummary applied = deployments.submit(new DeploymentRequest("Correct payment terms for Baltic Timber",
                "R-2026.11.2", "Finance agreed 30 days net on 12 Nov; the import wrote 14 days.",
                "update proforma set notes = 'Payment within 30 days net, as agreed on 12 Nov.' where id in ("
                        + join(baltic) + ")"));
        deployments.submit(new DeploymentRequest("Extend validity of open Q4 offers", "R-2026.12.0",
                "Sales extends every issued offer by two weeks for the holidays.",
                "update proforma set valid_until = valid_until + 14 where status = 'ISSUED'"));
        deployments.submit(new DeploymentRequest("Fix VAT id typo for Fjord Software", "R-2026.12.1",
                "The VAT id was typed with a letter O instead of a zero.",
                "update proforma set customer_vat_id = 'NO987654320' where id = " + fjord.get(0)));
        Users.actAs("reviewer", "REVIEWER");
        deployments.approve(applied.id(), "Dry run touches exactly the three Baltic Timber proformas");
        Users.anonymous();
        flow.runApplyJob(applied.changeSetId()); // lock editing
        flow.runApplyJob(applied.changeSetId()); // run, unlock, record
        Users.actAs("admin", "ADMIN");
        assertThat(deployments.detail(applied.id()).summary().status()).isEqualTo("APPLIED");
    }

    /** A high-tier change set also needs a manager who is neither the requester nor the first approver. */
    private void secondApprovalByTheManager(long changeSet) {
        Users.actAs("manager", "MANAGER", "REVIEWER");
        approvals.inbox().stream().filter(t -> t.changeSet().id() == changeSet).findFirst()
                .ifPresent(t -> approvals.approve(t.taskId(), "Second approval: matches the signed contract"));
        assertThat(flow.status(changeSet).name()).isEqualTo("APPROVED");
    }

    private void rejectedRequestOfStaff() {
        Set<Long> ids = new HashSet<>(idsOf("Danube Logistics", 2));
        Users.actAs("staff", "STAFF");
        long id = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_STATUS, "CANCELLED")).id();
        approvals.submit(id, "Danube Logistics cancelled the warehouse project");
        Users.actAs("reviewer", "REVIEWER");
        ReviewTask task = approvals.inbox().stream().filter(t -> t.changeSet().id() == id).findFirst().orElseThrow();
        approvals.reject(task.taskId(), "They confirmed the order by phone this morning; keep both open.");
    }

    private void pendingRequestOfStaff2() {
        Set<Long> ids = new HashSet<>(idsOf("Iberia Solar", 5));
        Users.actAs("staff2", "STAFF");
        long id = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SHIFT_VALID_UNTIL, "14")).id();
        approvals.submit(id, "Iberia Solar needs two more weeks for their board approval");
    }

    private static String join(List<Long> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }
}
