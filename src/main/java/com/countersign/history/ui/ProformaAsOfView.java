package com.countersign.history.ui;

import com.countersign.history.HistoryService;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaStatus;
import com.countersign.proforma.ProformaSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Every proforma as it was at a chosen moment, read only: what the office looked at before the
 * damage, including proformas deleted since. A row opens that proforma's history.
 */
@Route("history/as-of")
@PageTitle("Proformas as of · Countersign")
@PermitAll
public class ProformaAsOfView extends VerticalLayout {

    final DateTimePicker asOf = new DateTimePicker("As of");
    final TextField number = new TextField("Number starts with");
    final TextField customer = new TextField("Customer starts with");
    final MultiSelectComboBox<ProformaStatus> statuses = new MultiSelectComboBox<>("Status");
    final Grid<ProformaSummary> grid = new Grid<>(ProformaSummary.class, false);
    final Span matching = new Span();

    private final transient HistoryService history;
    private ProformaFilter filter = ProformaFilter.ALL;
    private Instant at;

    public ProformaAsOfView(HistoryService history) {
        this.history = history;
        setSizeFull();
        asOf.setStep(java.time.Duration.ofSeconds(1));
        statuses.setItems(ProformaStatus.values());
        for (TextField field : new TextField[] {number, customer}) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> refresh());
        }
        asOf.addValueChangeListener(e -> refresh());
        statuses.addValueChangeListener(e -> refresh());
        Anchor live = new Anchor("proformas", "Back to the live list");
        HorizontalLayout bar = new HorizontalLayout(asOf, number, customer, statuses);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        grid.addColumn(ProformaSummary::number).setHeader("Number").setKey("number").setAutoWidth(true);
        grid.addColumn(ProformaSummary::customerName).setHeader("Customer").setKey("customer").setFlexGrow(1);
        grid.addColumn(p -> p.issueDate().toString()).setHeader("Issued").setKey("issueDate").setAutoWidth(true);
        grid.addColumn(ProformaSummary::status).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(p -> p.gross().formatted()).setHeader("Gross").setKey("gross")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(ProformaSummary::updatedBy).setHeader("Changed by").setKey("updatedBy").setAutoWidth(true);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("history/proforma/" + e.getItem().id())));
        grid.setSizeFull();
        grid.setItems(query -> at == null ? java.util.stream.Stream.empty()
                        : history.listAsOf(filter, at, query.getOffset(), query.getLimit()).stream(),
                query -> at == null ? 0 : history.countAsOf(filter, at));
        Button now = new Button("Now", e -> asOf.setValue(java.time.LocalDateTime.now().withNano(0)));
        now.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        bar.add(now);
        add(new HorizontalLayout(new H2("Proformas as of a moment"), matching),
                new Paragraph("Read only. Pick the moment before the damage; open a row to see or restore that "
                        + "proforma's version."), bar, live, grid);
    }

    void refresh() {
        at = asOf.getValue() == null ? null : asOf.getValue().atZone(ZoneId.systemDefault()).toInstant();
        filter = new ProformaFilter(number.getValue(), customer.getValue(), statuses.getValue(), null, null);
        grid.getDataProvider().refreshAll();
        matching.setText(at == null ? "Pick a moment" : history.countAsOf(filter, at) + " proformas then");
    }
}
