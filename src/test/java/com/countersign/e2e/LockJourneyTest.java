package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.lock.EditLockService;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LockJourneyTest extends BrowserTest {

    @Autowired
    ProformaService proformas;

    @Autowired
    EditLockService locks;

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
    void managerLocksStaffCannotSaveManagerPrintsThenUnlocks() {
        Users.actAs("staff", "STAFF");
        String prefix = Fixtures.uniqueCustomer("Paper");
        ProformaSnapshot target = proformas.create(Fixtures.content(prefix + " A"));
        String reason = "Incident drill " + System.nanoTime();

        Browser manager = signedIn("manager");
        EditLockPage lock = new EditLockPage(manager).open().lock(reason);
        manager.screenshot("lock-1-locked");

        Browser staff = signedIn("staff");
        ProformaEditorPage editor = new ProformaEditorPage(staff).open(target.id());
        assertThat(editor.lockBanner().getText()).contains(reason);
        assertThat(editor.saveEnabled()).as("Save while locked").isFalse();
        staff.screenshot("lock-2-staff-sees-banner");

        PaperFormsPage paper = new PaperFormsPage(manager).open().filterByCustomer(prefix, 1);
        PaperFormsPage.Download pack = paper.downloadPdfPack();
        assertThat(pack.status()).isEqualTo(200);
        assertThat(pack.contentType()).startsWith("application/pdf");
        assertThat(new String(Arrays.copyOf(pack.body(), 5), StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        PaperFormsPage.Download blanks = paper.reserveAndPrintBlankForms(2);
        assertThat(blanks.status()).isEqualTo(200);
        assertThat(blanks.contentType()).startsWith("application/pdf");
        assertThat(new String(Arrays.copyOf(blanks.body(), 5), StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        manager.screenshot("lock-3-paper-forms");

        lock.open().unlock("Incident over");
        manager.screenshot("lock-4-unlocked");
        editor.open(target.id());
        assertThat(staff.all("//div[contains(@class, 'cs-lock-banner')]").stream().noneMatch(e -> e.isDisplayed()))
                .as("banner gone").isTrue();
        assertThat(editor.saveEnabled()).as("Save after unlock").isTrue();
        editor.typeNotes("Typed after the incident").save().expectSaved();
        staff.screenshot("lock-5-staff-saves-again");
    }
}
