package com.countersign.proforma.ui;

import static com.countersign.support.Fixtures.content;
import static com.countersign.support.Fixtures.uniqueCustomer;
import static com.countersign.support.Ui.button;
import static com.countersign.support.Ui.lineField;
import static com.countersign.support.Ui.notificationTexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProformaEditorViewTest extends KaribuTest {

    @Autowired
    ProformaService service;

    private ProformaSnapshot proforma;

    @BeforeEach
    void openAProforma() {
        login("staff", "STAFF");
        proforma = service.create(content(uniqueCustomer("Editor")));
        navigate("proformas/" + proforma.id());
    }

    @Test
    void the_editor_shows_the_stored_proforma() {
        NavigatorKt.expectView(ProformaEditorView.class);
        assertThat(customer().getValue()).isEqualTo(proforma.content().customerName());
        assertThat(lineField(1, "quantity").getValue()).isEqualTo("2");
        assertThat(totals()).isEqualTo("Net 1,700.00 EUR · Tax 340.00 EUR · Gross 2,040.00 EUR");
    }

    @Test
    void a_valid_edit_is_saved_and_confirmed() {
        String renamed = uniqueCustomer("Renamed");
        _setValue(customer(), renamed);
        _setValue(lineField(1, "unit price"), "900");

        _click(button("Save"));

        assertThat(notificationTexts()).containsExactly(proforma.number() + " saved.");
        ProformaSnapshot stored = stored();
        assertThat(stored.content().customerName()).isEqualTo(renamed);
        assertThat(stored.content().lines().get(0).unitPrice()).isEqualByComparingTo("900");
        assertThat(stored.version()).isEqualTo(proforma.version() + 1);
    }

    @Test
    void back_to_the_list_with_unsaved_typing_asks_first_and_keep_editing_keeps_it() {
        _setValue(customer(), "Typed but not saved");

        _click(button("Back to list"));

        NavigatorKt.expectView(ProformaEditorView.class);
        ConfirmDialog ask = _get(ConfirmDialog.class);
        assertThat(ask.getElement().getProperty("header")).isEqualTo("Leave without saving?");
        ConfirmDialogKt._fireCancel(ask);
        NavigatorKt.expectView(ProformaEditorView.class);
        assertThat(customer().getValue()).isEqualTo("Typed but not saved");

        _click(button("Back to list"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        NavigatorKt.expectView(ProformaListView.class);
        assertThat(stored().content().customerName()).isEqualTo(proforma.content().customerName());
    }

    @Test
    void back_to_the_list_without_typing_or_after_saving_leaves_at_once() {
        _click(button("Back to list"));
        NavigatorKt.expectView(ProformaListView.class);

        navigate("proformas/" + proforma.id());
        _setValue(customer(), uniqueCustomer("Saved first"));
        _click(button("Save"));
        _click(button("Back to list"));

        NavigatorKt.expectView(ProformaListView.class);
        _assertNone(ConfirmDialog.class);
    }

    @Test
    void a_blank_customer_is_marked_on_the_field_and_nothing_is_saved() {
        _setValue(customer(), "  ");

        _click(button("Save"));

        assertThat(customer().isInvalid()).isTrue();
        assertThat(customer().getErrorMessage()).isEqualTo("Enter the customer's name");
        assertThat(notificationTexts()).containsExactly("Please correct the fields marked in red.");
        assertThat(stored().version()).isEqualTo(proforma.version());
    }

    @Test
    void valid_until_before_the_issue_date_is_marked_on_the_field_and_nothing_is_saved() {
        _setValue(validUntil(), proforma.content().issueDate().minusDays(1));

        _click(button("Save"));

        assertThat(validUntil().isInvalid()).isTrue();
        assertThat(validUntil().getErrorMessage()).isEqualTo("Must not be before the issue date");
        assertThat(stored().content().validUntil()).isEqualTo(proforma.content().validUntil());
    }

    @Test
    void moving_the_issue_date_back_makes_the_typed_valid_until_date_the_one_saved() {
        LocalDate issued = proforma.content().issueDate();
        _setValue(validUntil(), issued.minusDays(10));
        _setValue(issueDate(), issued.minusDays(20));

        _click(button("Save"));

        assertThat(validUntil().isInvalid()).isFalse();
        assertThat(stored().content().issueDate()).isEqualTo(issued.minusDays(20));
        assertThat(stored().content().validUntil()).isEqualTo(issued.minusDays(10));
    }

    @Test
    void a_line_quantity_of_zero_is_marked_on_the_field_and_nothing_is_saved() {
        _setValue(lineField(1, "quantity"), "0");

        _click(button("Save"));

        assertThat(lineField(1, "quantity").isInvalid()).isTrue();
        assertThat(lineField(1, "quantity").getErrorMessage()).isEqualTo("Must be more than 0");
        assertThat(stored().version()).isEqualTo(proforma.version());
    }

    @Test
    void a_price_with_more_decimals_than_stored_is_marked_on_the_field() {
        _setValue(lineField(1, "unit price"), "850.12345");

        _click(button("Save"));

        assertThat(lineField(1, "unit price").getErrorMessage()).isEqualTo("At most 4 decimals");
        assertThat(stored().version()).isEqualTo(proforma.version());
    }

    @Test
    void a_price_typed_with_letters_is_refused_at_the_field_not_cut_short() {
        _setValue(lineField(1, "unit price"), "12abc");

        assertThat(lineField(1, "unit price").isInvalid()).isTrue();
        assertThat(lineField(1, "unit price").getErrorMessage())
                .isEqualTo("“12abc” is not a number: use digits and one decimal point, e.g. 12.50");
        _click(button("Save"));
        assertThat(stored().version()).isEqualTo(proforma.version());
        assertThat(stored().content().lines().get(0).unitPrice()).isEqualByComparingTo("850");
    }

    @Test
    void a_decimal_comma_is_read_as_the_decimal_point() {
        _setValue(lineField(1, "unit price"), "12,50");
        _setValue(lineField(1, "quantity"), "1");

        assertThat(lineField(1, "unit price").isInvalid()).isFalse();
        assertThat(totals()).startsWith("Net 12.50 EUR");
    }

    @Test
    void totals_follow_the_quantity_while_typing() {
        _setValue(lineField(1, "quantity"), "3");

        assertThat(totals()).isEqualTo("Net 2,550.00 EUR · Tax 510.00 EUR · Gross 3,060.00 EUR");

        _click(button("Add line"));
        _setValue(lineField(2, "quantity"), "2");
        _setValue(lineField(2, "unit price"), "10.50");
        _setValue(lineField(2, "tax rate"), "7");

        assertThat(totals()).isEqualTo("Net 2,571.00 EUR · Tax 511.47 EUR · Gross 3,082.47 EUR");
    }

    @Test
    void when_someone_else_saved_first_the_conflict_is_shown_and_my_typing_can_be_kept() {
        String theirName = uniqueCustomer("Their name");
        asSomeoneElse("staff2", "STAFF", () -> service.update(proforma.id(), proforma.version(),
                withCustomer(proforma.content(), theirName)));
        _setValue(notes(), "Call before delivery");

        _click(button("Save"));

        ConflictDialog dialog = _get(ConflictDialog.class);
        assertThat(dialog.getHeaderTitle()).isEqualTo("Someone else saved this proforma");
        assertThat(com.github.mvysny.kaributesting.v10.BasicUtilsKt.get_textRecursively(dialog)).contains("staff2");
        List<List<String>> rows = IntStream.range(0, GridKt._size(dialog.differences))
                .mapToObj(i -> GridKt._getFormattedRow(dialog.differences, i)).toList();
        assertThat(rows).containsExactlyInAnyOrder(
                List.of("Customer", theirName, proforma.content().customerName()),
                List.of("Notes", "", "Call before delivery"));

        _click(button("Keep my changes"));

        assertThat(notes().getValue()).isEqualTo("Call before delivery");
        assertThat(customer().getValue()).isEqualTo(proforma.content().customerName());
        _click(button("Save"));
        assertThat(notificationTexts()).contains(proforma.number() + " saved.");
        ProformaSnapshot stored = stored();
        assertThat(stored.content().notes()).isEqualTo("Call before delivery");
        assertThat(stored.updatedBy()).isEqualTo("staff");
        assertThat(stored.version()).isEqualTo(proforma.version() + 2);
    }

    @Test
    void when_someone_else_saved_first_their_version_can_be_loaded_instead() {
        String theirName = uniqueCustomer("Their name");
        asSomeoneElse("staff2", "STAFF", () -> service.update(proforma.id(), proforma.version(),
                withCustomer(proforma.content(), theirName)));
        _setValue(notes(), "Mine, to be discarded");
        _click(button("Save"));

        _click(button("Discard mine, load theirs"));

        assertThat(customer().getValue()).isEqualTo(theirName);
        assertThat(notes().getValue()).isEmpty();
        assertThat(stored().content().customerName()).isEqualTo(theirName);
    }

    @Test
    void a_reviewer_sees_the_proforma_read_only() {
        login("reviewer", "REVIEWER");
        navigate("proformas"); // a fresh editor, as a reviewer's own browser would get
        navigate("proformas/" + proforma.id());

        _assertNone(Button.class, spec -> spec.withText("Save"));
        assertThat(customer().isReadOnly()).isTrue();
        assertThat(lineField(1, "quantity").isReadOnly()).isTrue();
        _assertNone(Button.class, spec -> spec.withText("Add line"));
    }

    @Test
    void staff_create_a_new_proforma_and_land_on_its_page() {
        navigate("proformas/new");
        String customer = uniqueCustomer("Brand new");
        _setValue(customer(), customer);
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Address")), "2 Dock Road\nHamburg");
        _setValue(_get(TextField.class, spec -> spec.withLabel("VAT id")), "");
        TextField description = _get(TextField.class, spec -> spec.withPredicate(
                f -> f.getAriaLabel().equals(java.util.Optional.of("Line 1 description"))));
        _setValue(description, "Inspection");
        _setValue(lineField(1, "unit price"), "100");

        _click(button("Save"));

        NavigatorKt.expectView(ProformaEditorView.class);
        String path = NavigatorKt.getCurrentPath();
        assertThat(path).matches("proformas/\\d+");
        ProformaSnapshot created = service.find(Long.parseLong(path.substring("proformas/".length()))).orElseThrow();
        assertThat(created.content().customerName()).isEqualTo(customer);
        assertThat(created.totals().gross().toString()).isEqualTo("120.00 EUR");
        assertThat(notificationTexts()).contains(created.number() + " saved.");
    }

    private ProformaSnapshot stored() {
        return service.find(proforma.id()).orElseThrow();
    }

    private static ProformaContent withCustomer(ProformaContent c, String customer) {
        return new ProformaContent(customer, c.customerAddress(), c.customerVatId(), c.issueDate(), c.validUntil(),
                c.currency(), c.status(), c.notes(), c.lines());
    }

    private static TextField customer() {
        return _get(TextField.class, spec -> spec.withLabel("Customer"));
    }

    private static TextArea notes() {
        return _get(TextArea.class, spec -> spec.withLabel("Notes"));
    }

    private static DatePicker issueDate() {
        return _get(DatePicker.class, spec -> spec.withLabel("Issue date"));
    }

    private static DatePicker validUntil() {
        return _get(DatePicker.class, spec -> spec.withLabel("Valid until"));
    }

    private static String totals() {
        return _get(ProformaEditorView.class).form.totals.getText();
    }
}
