package com.countersign.proforma.ui;

import static com.countersign.support.Fixtures.line;
import static com.countersign.support.Fixtures.uniqueCustomer;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import com.countersign.proforma.ProformaSummary;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.grid.CellFocusEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.dom.DomEvent;
import elemental.json.Json;
import elemental.json.JsonObject;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.textfield.TextField;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProformaListViewTest extends KaribuTest {

    @Autowired
    ProformaService service;

    private String prefix;
    private ProformaSnapshot alpha;
    private ProformaSnapshot beta;
    private ProformaSnapshot gamma;

    @BeforeEach
    void threeProformasOfOneCustomerFamily() {
        login("staff", "STAFF");
        prefix = uniqueCustomer("List");
        alpha = create(prefix + " Alpha", ProformaStatus.DRAFT, LocalDate.of(2025, 1, 10));
        beta = create(prefix + " Beta", ProformaStatus.ISSUED, LocalDate.of(2025, 2, 15));
        gamma = create(prefix + " Gamma", ProformaStatus.ACCEPTED, LocalDate.of(2025, 3, 20));
        navigate("proformas");
    }

    @Test
    void the_customer_filter_matches_from_the_start_ignoring_case() {
        _setValue(field("Customer starts with"), prefix.toLowerCase());

        assertThat(numbersShown()).containsExactly(gamma.number(), beta.number(), alpha.number());
        assertThat(exactCount()).isEqualTo("3 matching");

        _setValue(field("Customer starts with"), prefix + " be");

        assertThat(numbersShown()).containsExactly(beta.number());
    }

    @Test
    void the_rows_come_first_with_an_estimate_and_the_exact_count_follows() {
        ProformaListView view = _get(ProformaListView.class);
        TextField customer = field("Customer starts with");

        // Karibu runs what other threads pushed to the UI on its next lookup: nothing is looked up here
        _setValue(customer, prefix + " a");

        assertThat(view.matching.getText()).startsWith("≈ ");
        assertThat(numbersShown()).containsExactly(alpha.number());

        assertThat(exactCount()).isEqualTo("1 matching");
        assertThat(GridKt._size(grid())).isEqualTo(1);
    }

    @Test
    void a_sort_keeps_the_exact_count_and_orders_the_rows() {
        _setValue(field("Customer starts with"), prefix);
        assertThat(exactCount()).isEqualTo("3 matching");

        Grid<Object> grid = grid();
        grid.sort(GridSortOrder.asc(grid.getColumnByKey("customer")).build());

        assertThat(numbersShown()).containsExactly(alpha.number(), beta.number(), gamma.number());
        assertThat(_get(ProformaListView.class).matching.getText()).isEqualTo("3 matching");
        assertThat(GridKt._size(grid)).isEqualTo(3);
    }

    @Test
    void a_count_that_a_newer_filter_overtook_is_not_shown() {
        _setValue(field("Customer starts with"), prefix);
        _setValue(field("Customer starts with"), prefix + " g");

        assertThat(exactCount()).isEqualTo("1 matching");
        assertThat(numbersShown()).containsExactly(gamma.number());
    }

    @Test
    void the_number_filter_matches_from_the_start() {
        _setValue(field("Number starts with"), beta.number().toLowerCase());

        assertThat(numbersShown()).containsExactly(beta.number());
        assertThat(GridKt._getFormatted(grid(), 0, "customer")).isEqualTo(prefix + " Beta");
        assertThat(GridKt._getFormatted(grid(), 0, "gross")).isEqualTo("20.00 EUR");
        assertThat(GridKt._getFormatted(grid(), 0, "updatedBy")).isEqualTo("staff");
    }

    @Test
    void the_status_filter_takes_several_statuses() {
        _setValue(field("Customer starts with"), prefix);
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<ProformaStatus> statuses = _get(MultiSelectComboBox.class, spec -> spec.withLabel("Status"));

        _setValue(statuses, Set.of(ProformaStatus.DRAFT, ProformaStatus.ACCEPTED));

        assertThat(numbersShown()).containsExactly(gamma.number(), alpha.number());
    }

    @Test
    void the_issue_date_range_includes_both_ends() {
        _setValue(field("Customer starts with"), prefix);

        _setValue(date("Issued from"), LocalDate.of(2025, 2, 15));
        _setValue(date("Issued to"), LocalDate.of(2025, 3, 20));

        assertThat(numbersShown()).containsExactly(gamma.number(), beta.number());
    }

    @Test
    void a_reversed_date_range_is_marked_and_the_list_keeps_its_last_result() {
        _setValue(field("Customer starts with"), prefix);
        _setValue(date("Issued from"), LocalDate.of(2025, 3, 1));

        _setValue(date("Issued to"), LocalDate.of(2025, 2, 1));

        assertThat(date("Issued to").isInvalid()).isTrue();
        assertThat(date("Issued to").getErrorMessage()).isEqualTo("Must not be before \"Issued from\"");
        assertThat(numbersShown()).containsExactly(gamma.number());

        _setValue(date("Issued to"), LocalDate.of(2025, 3, 31));

        assertThat(date("Issued to").isInvalid()).isFalse();
        assertThat(numbersShown()).containsExactly(gamma.number());
    }

    @Test
    void clearing_the_filters_shows_everything_again() {
        _setValue(field("Customer starts with"), prefix);
        _setValue(date("Issued from"), LocalDate.of(2025, 3, 1));

        com.github.mvysny.kaributesting.v10.LocatorJ._click(com.countersign.support.Ui.button("Clear filters"));

        assertThat(field("Customer starts with").getValue()).isEmpty();
        assertThat(GridKt._size(grid())).isGreaterThanOrEqualTo(3);
    }

    @Test
    void clicking_a_row_opens_that_proforma() {
        _setValue(field("Customer starts with"), prefix + " Beta");

        GridKt._clickItem(grid(), 0);

        NavigatorKt.expectView(ProformaEditorView.class);
        assertThat(NavigatorKt.getCurrentPath()).isEqualTo("proformas/" + beta.id());
        assertThat(_get(ProformaEditorView.class).title.getText()).isEqualTo(beta.number());
    }

    @Test
    void enter_opens_the_row_the_keyboard_is_on_without_selecting_it() {
        _setValue(field("Customer starts with"), prefix);
        exactCount();
        Grid<Object> grid = grid();
        ProformaSummary second = (ProformaSummary) GridKt._get(grid, 1);
        String key = grid.getDataCommunicator().getKeyMapper().key(second);
        // what the browser sends when arrow keys move the focus onto the second row, then Enter
        ComponentUtil.fireEvent(grid, new CellFocusEvent<>(grid, true, key, null, "body"));
        JsonObject enter = Json.createObject();
        enter.put("event.key === 'Enter'", true); // the listener's filter, as the browser evaluates it
        ElementUtilsKt._fireDomEvent(grid.getElement(), new DomEvent(grid.getElement(), "keydown", enter));

        NavigatorKt.expectView(ProformaEditorView.class);
        assertThat(NavigatorKt.getCurrentPath()).isEqualTo("proformas/" + second.id());
    }

    private ProformaSnapshot create(String customer, ProformaStatus status, LocalDate issued) {
        return service.create(new ProformaContent(customer, "1 Market Street", null, issued, issued.plusDays(30),
                Currency.getInstance("EUR"), status, null, List.of(line("Service", "1", "20", "0"))));
    }

    /** Waits for the count running off the UI thread, then runs what it pushed to the UI. */
    private static String exactCount() {
        ProformaListView view = _get(ProformaListView.class);
        view.pendingCount.orTimeout(30, TimeUnit.SECONDS).join();
        MockVaadin.runUIQueue();
        return view.matching.getText();
    }

    private List<String> numbersShown() {
        Grid<?> grid = grid();
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._getFormatted(grid, i, "number")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Grid<Object> grid() {
        return _get(Grid.class);
    }

    private static TextField field(String label) {
        return _get(TextField.class, spec -> spec.withLabel(label));
    }

    private static DatePicker date(String label) {
        return _get(DatePicker.class, spec -> spec.withLabel(label));
    }
}
