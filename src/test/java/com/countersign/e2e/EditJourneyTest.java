package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EditJourneyTest extends BrowserTest {

    @Autowired
    ProformaService proformas;

    /** The test thread itself reads and writes through the services as staff. */
    @BeforeEach
    void actAsStaff() {
        Users.actAs("staff", "STAFF");
    }

    @AfterEach
    void signOutOfTheTestThread() {
        Users.anonymous();
    }

    private ProformaSnapshot proforma(String customer) {
        return proformas.create(Fixtures.content(customer));
    }

    @Test
    void staffFindAProformaByCustomerAndEditIt() {
        String prefix = Fixtures.uniqueCustomer("Findable");
        ProformaSnapshot target = proforma(prefix + " Target");
        proforma(prefix + " Other");
        Browser staff = signedIn("staff");

        ProformaListPage list = new ProformaListPage(staff).open().filterByCustomer(prefix, 2)
                .filterByCustomer(prefix + " T", 1);
        staff.screenshot("edit-1-list-filtered");
        ProformaEditorPage editor = list.openRow(prefix + " Target");
        assertThat(editor.customer()).isEqualTo(prefix + " Target");

        String notes = "Edited in a real browser " + System.nanoTime();
        editor.typeNotes(notes).save();
        assertThat(editor.expectSaved().getText()).contains(target.number() + " saved.");
        staff.screenshot("edit-2-saved");

        ProformaSnapshot stored = proformas.find(target.id()).orElseThrow();
        assertThat(stored.content().notes()).isEqualTo(notes);
        assertThat(stored.updatedBy()).isEqualTo("staff");
        assertThat(stored.version()).isGreaterThan(target.version());
        // and a fresh load in the browser shows it too
        assertThat(new ProformaEditorPage(staff).open(target.id()).notes()).isEqualTo(notes);
    }

    @Test
    void ctrlSWithTheCursorStillInTheFieldSavesWhatIsTyped() {
        ProformaSnapshot target = proforma(Fixtures.uniqueCustomer("Keyboard"));
        Browser staff = signedIn("staff");
        ProformaEditorPage editor = new ProformaEditorPage(staff).open(target.id());

        String notes = "Saved with Ctrl+S " + System.nanoTime();
        editor.typeNotesAndPressCtrlS(notes);

        assertThat(editor.expectSaved().getText()).contains(target.number() + " saved.");
        assertThat(proformas.find(target.id()).orElseThrow().content().notes()).isEqualTo(notes);
    }

    @Test
    void theSecondOfTwoBrowsersSavingTheSameProformaSeesWhoSavedFirst() {
        ProformaSnapshot target = proforma(Fixtures.uniqueCustomer("Contested"));
        Browser first = signedIn("staff");
        Browser second = signedIn("staff2");
        ProformaEditorPage firstEditor = new ProformaEditorPage(first).open(target.id());
        ProformaEditorPage secondEditor = new ProformaEditorPage(second).open(target.id());

        firstEditor.typeNotes("First browser's notes").save();
        firstEditor.expectSaved();

        secondEditor.typeNotes("Second browser's notes").save();
        String dialog = secondEditor.expectConflictDialog().getText();
        second.screenshot("conflict-dialog");
        assertThat(second.text()).contains("staff saved " + target.number());
        assertThat(dialog).doesNotContain("staff2 saved");

        ProformaSnapshot stored = proformas.find(target.id()).orElseThrow();
        assertThat(stored.content().notes()).isEqualTo("First browser's notes");
        assertThat(stored.updatedBy()).isEqualTo("staff");
    }
}
