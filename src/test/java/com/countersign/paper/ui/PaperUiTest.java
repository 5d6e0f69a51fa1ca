package com.countersign.paper.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.base.ui.NotFoundView;
import com.countersign.lock.EditLockService;
import com.countersign.lock.Locks;
import com.countersign.lock.SignedInUi;
import com.countersign.paper.PaperService;
import com.countersign.paper.RegisterFilter;
import com.countersign.paper.ReservedNumber;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSource;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Managers print and reserve from the Paper forms view; staff enter paper forms from the register. */
@CountersignTest
class PaperUiTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    ProformaService proformas;

    @Autowired
    PaperService paper;

    @Autowired
    EditLockService locks;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void stop() {
        SignedInUi.stop();
        Locks.forceOpen(jdbc);
    }

    @Test
    void the_pack_follows_the_filter_and_the_moment_and_downloads_while_locked() {
        Users.actAs("staff", "STAFF");
        String customer = Fixtures.uniqueCustomer("Pack");
        proformas.create(Fixtures.content(customer));
        Users.actAs("manager", "MANAGER");
        locks.lock("Incident", null);

        SignedInUi.start(context, "manager", "MANAGER");
        UI.getCurrent().navigate(PaperFormsView.class);
        _get(TextField.class, spec -> spec.withLabel("Customer starts with")).setValue(customer);
        assertThat(summary()).isEqualTo("Prints all 1 proformas matching the filter.");
        assertThat(_get(Anchor.class, spec -> spec.withText("Download PDF forms")).getHref()).isNotBlank();
        assertThat(_get(Anchor.class, spec -> spec.withText("Download CSV")).getHref()).isNotBlank();
        _get(com.vaadin.flow.component.datetimepicker.DateTimePicker.class, spec -> spec.withLabel("As of (optional)"))
                .setValue(java.time.LocalDateTime.now().minusYears(1));
        assertThat(summary()).startsWith("Prints all 0 proformas matching the filter as they were at");
    }

    @Test
    void a_manager_reserves_blank_forms_and_staff_enter_one_from_the_register() {
        SignedInUi.start(context, "manager", "MANAGER");
        UI.getCurrent().navigate(PaperFormsView.class);
        _get(IntegerField.class, spec -> spec.withLabel("Blank forms")).setValue(2);
        _get(TextField.class, spec -> spec.withLabel("For (optional)")).setValue("Warehouse desk");
        _click(_get(Button.class, spec -> spec.withText("Reserve numbers")));
        var batches = _find(com.vaadin.flow.component.grid.Grid.class).stream()
                .filter(g -> g.getBeanType() == com.countersign.paper.BlankBatch.class).findFirst().orElseThrow();
        var newest = (com.countersign.paper.BlankBatch) batches.getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(newest.count()).isEqualTo(2);
        assertThat(newest.note()).isEqualTo("Warehouse desk");
        SignedInUi.stop();

        SignedInUi.start(context, "staff", "STAFF");
        UI.getCurrent().navigate(PaperRegisterView.class);
        @SuppressWarnings("unchecked")
        Grid<ReservedNumber> register = _get(Grid.class);
        String number = GridKt._get(register, 0).number();
        Button enter = (Button) GridKt._getCellComponent(register, 0, "action");
        assertThat(enter.getText()).isEqualTo("Enter this form");
        _click(enter);
        assertThat(_get(H2.class, spec -> spec.withText("Paper form " + number))).isNotNull();
        String customer = Fixtures.uniqueCustomer("Paper UI");
        _get(TextField.class, spec -> spec.withLabel("Customer")).setValue(customer);
        _get(TextArea.class, spec -> spec.withLabel("Address")).setValue("2 Dock Road");
        _get(TextField.class, spec -> spec.withPlaceholder("Description")).setValue("Pallets");
        _click(_get(Button.class, spec -> spec.withText("Save")));

        ReservedNumber row = paper.register(RegisterFilter.ENTERED, 0, 1000).stream()
                .filter(r -> r.number().equals(number)).findFirst().orElseThrow();
        assertThat(row.enteredBy()).isEqualTo("staff");
        assertThat(proformas.find(row.proformaId()).orElseThrow().source()).isEqualTo(ProformaSource.PAPER);
        assertThat(proformas.find(row.proformaId()).orElseThrow().content().customerName()).isEqualTo(customer);

        UI.getCurrent().navigate("proformas/new", QueryParameters.of("paper", number));
        assertThat(_find(H2.class, spec -> spec.withText("Paper form " + number))).as("entered already").isEmpty();
        assertThat(BasicUtilsKt.get_textRecursively(_get(NotFoundView.class)))
                .contains("Paper form " + number + " has been entered already, as proforma " + row.proformaId());
    }

    @Test
    void a_number_that_was_never_reserved_is_refused_when_its_form_opens_not_after_it_was_typed() {
        SignedInUi.start(context, "staff", "STAFF");

        UI.getCurrent().navigate("proformas/new", QueryParameters.of("paper", "P-NEVER-RESERVED-1"));

        assertThat(_find(TextField.class, spec -> spec.withLabel("Customer"))).isEmpty();
        assertThat(BasicUtilsKt.get_textRecursively(_get(NotFoundView.class)))
                .contains("P-NEVER-RESERVED-1 is not a reserved paper form number");
    }

    @Test
    void the_editor_has_a_print_tab_with_a_download() {
        Users.actAs("staff", "STAFF");
        long id = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Print tab"))).id();
        SignedInUi.start(context, "staff", "STAFF");
        UI.getCurrent().navigate("proformas/" + id);
        var tabs = _get(com.vaadin.flow.component.tabs.TabSheet.class);
        tabs.setSelectedIndex(indexOf(tabs, "Print"));
        assertThat(_get(Anchor.class, spec -> spec.withText("Download the PDF form")).getHref()).isNotBlank();
    }

    private static int indexOf(com.vaadin.flow.component.tabs.TabSheet tabs, String label) {
        for (int i = 0; i < tabs.getTabCount(); i++) {
            if (tabs.getTabAt(i).getLabel().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("no tab " + label);
    }

    private static String summary() {
        return _find(Span.class).stream().map(Span::getText).filter(t -> t.startsWith("Prints ")).findFirst()
                .orElseThrow();
    }
}
