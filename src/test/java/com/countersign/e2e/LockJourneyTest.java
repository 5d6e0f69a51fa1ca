package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.lock.EditLockService;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaSource;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incident journey: a manager locks editing; staff see the banner and cannot save or enter a
 * paper form; the manager prints the PDF pack and blank numbered forms (saved by Chromium, read
 * back with PDFBox); unlocks; staff save again and type a filled-in paper form in under its
 * printed number.
 */
class LockJourneyTest extends BrowserTest {

    @Autowired
    ProformaService proformas;

    @Autowired
    EditLockService locks;

    @Autowired
    JdbcClient jdbc;

    /** Never leave the shared e2e database locked for the journeys after this one. */
    @AfterEach
    void unlockedAgain() {
        Users.actAs("manager", "MANAGER");
        if (locks.current().locked()) {
            locks.unlock("e2e clean-up");
        }
        Users.anonymous();
    }

    @Test
    void managerLocksStaffCannotSaveManagerPrintsUnlocksAndAPaperFormIsEnteredAfter() {
        Users.actAs("staff", "STAFF");
        String prefix = Fixtures.uniqueCustomer("Paper");
        ProformaSnapshot target = proformas.create(Fixtures.content(prefix + " A"));
        ProformaSnapshot other = proformas.create(Fixtures.content(prefix + " B"));
        String reason = "Incident drill " + System.nanoTime();

        Browser manager = signedIn("manager");
        EditLockPage lock = new EditLockPage(manager).open().lock(reason);
        manager.screenshot("lock-1-locked");

        Browser staff = signedIn("staff");
        ProformaEditorPage editor = new ProformaEditorPage(staff).open(target.id());
        assertThat(editor.lockBanner().getText()).contains(reason);
        assertThat(editor.saveEnabled()).as("Save while locked").isFalse();
        staff.screenshot("lock-2-staff-sees-banner");

        // the pack of the two proformas: one A4 form each, carrying its number and customer
        PaperFormsPage paper = new PaperFormsPage(manager).open().filterByCustomer(prefix, 2);
        PdfFile pack = paper.downloadPdfPack(2);
        assertThat(pack.pages()).isEqualTo(2);
        assertThat(pack.text()).contains(target.number(), prefix + " A", other.number(), prefix + " B");
        // blank forms: one page per reserved number, each printed with its own number
        PaperFormsPage.Reserved reserved = paper.reserveBlankForms(2, "Front desk, " + prefix);
        PdfFile blanks = paper.downloadNewestBlankBatch();
        assertThat(blanks.pages()).isEqualTo(2);
        assertThat(blanks.page(1)).contains(reserved.first(), "PAPER FORM");
        assertThat(blanks.page(2)).contains(reserved.last(), "PAPER FORM");
        manager.screenshot("lock-3-paper-forms");

        // while locked the register shows the numbers, but entering one is not offered
        PaperRegisterPage register = new PaperRegisterPage(staff).open();
        assertThat(register.mayEnter(reserved.first())).as("Enter this form while locked").isFalse();
        staff.screenshot("lock-4-register-while-locked");

        lock.open().unlock("Incident over");
        manager.screenshot("lock-5-unlocked");
        editor.open(target.id());
        assertThat(staff.all("//div[contains(@class, 'cs-lock-banner')]").stream().noneMatch(e -> e.isDisplayed()))
                .as("banner gone").isTrue();
        assertThat(editor.saveEnabled()).as("Save after unlock").isTrue();
        editor.typeNotes("Typed after the incident").save().expectSaved();
        staff.screenshot("lock-6-staff-saves-again");

        // the filled-in paper form is typed in under its printed number
        String customer = prefix + " Paper customer";
        ProformaEditorPage paperForm = new PaperRegisterPage(staff).open().enter(reserved.first())
                .typeHeader(customer, "Via Roma 12\n39100 Bolzano", "ISSUED")
                .typeLine(1, "Cold-room inspection", "1", "480.00", "22")
                .typeLine(2, "Replacement door seal", "3", "35.50", "22");
        assertThat(paperForm.totals()).contains("586.50").contains("715.53");
        staff.screenshot("lock-7-paper-form-typed");
        assertThat(paperForm.save().expectSaved().getText()).contains(reserved.first() + " saved.");
        paperForm.expectLoaded();
        assertThat(paperForm.title()).isEqualTo(reserved.first());
        staff.screenshot("lock-8-paper-form-entered");

        Users.actAs("staff", "STAFF");
        long id = jdbc.sql("select id from proforma where number = :n").param("n", reserved.first())
                .query(Long.class).single();
        ProformaSnapshot entered = proformas.find(id).orElseThrow();
        assertThat(entered.source()).isEqualTo(ProformaSource.PAPER);
        assertThat(entered.content().customerName()).isEqualTo(customer);
        assertThat(entered.content().lines()).hasSize(2);
        assertThat(entered.totals().gross().amount()).isEqualByComparingTo(new BigDecimal("715.53"));
        assertThat(jdbc.sql("select proforma_id from paper_number_reservation where number = :n")
                .param("n", reserved.first()).query(Long.class).single()).isEqualTo(id);
        // and the register now lists it as entered, with a link to the proforma
        new PaperRegisterPage(staff).open().showEntered();
        staff.shown("//vaadin-grid-cell-content[normalize-space()=" + Browser.literal(reserved.first()) + "]");
        staff.shown("//vaadin-grid-cell-content//a[normalize-space()='Open proforma']");
    }
}
