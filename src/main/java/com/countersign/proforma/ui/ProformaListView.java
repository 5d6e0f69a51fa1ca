package com.countersign.proforma.ui;

import com.countersign.base.WriteBlock;
import com.countersign.base.WriteGate;
import com.countersign.base.ui.MainLayout;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSort;
import com.countersign.proforma.ProformaStatus;
import com.countersign.proforma.ProformaSummary;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.dataview.GridLazyDataView;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/** Every proforma, found by number, customer, status and issue date; loads one page at a time. */
@Route("proformas")
@RouteAlias("")
@PageTitle("Proformas · Countersign")
@PermitAll
public class ProformaListView extends VerticalLayout implements AfterNavigationObserver {

    static final Map<String, ProformaSort> SORTABLE = Map.of(
            "number", ProformaSort.NUMBER,
            "customer", ProformaSort.CUSTOMER,
            "issueDate", ProformaSort.ISSUE_DATE,
            "validUntil", ProformaSort.VALID_UNTIL,
            "status", ProformaSort.STATUS,
            "updatedAt", ProformaSort.UPDATED_AT);

    final TextField number = new TextField("Number starts with");
    final TextField customer = new TextField("Customer starts with");
    final MultiSelectComboBox<ProformaStatus> statuses = new MultiSelectComboBox<>("Status");
    final DatePicker issuedFrom = new DatePicker("Issued from");
    final DatePicker issuedTo = new DatePicker("Issued to");
    final Grid<ProformaSummary> grid = new Grid<>(ProformaSummary.class, false);
    final Span matching = new Span();

    private final transient ProformaService service;
    private final transient Executor counting;
    private volatile ProformaFilter filter = ProformaFilter.ALL;
    private GridLazyDataView<ProformaSummary> rows;
    private ProformaSummary focusedRow;
    /** Done when the exact count of the latest filter is handed to the UI; for tests to wait on. */
    transient CompletableFuture<Void> pendingCount = CompletableFuture.completedFuture(null);

    final Button bulkEdit = new Button("Bulk edit…", VaadinIcon.EDIT.create());
    final Button create = new Button("New proforma", VaadinIcon.PLUS.create());

    private final transient WriteGate writeGate;
    private Registration lockWatch;

    public ProformaListView(ProformaService service, AuthenticationContext authentication, WriteGate writeGate,
            ObjectProvider<BulkEditLauncher> bulkEditLauncher,
            @Qualifier("applicationTaskExecutor") Executor counting) {
        this.service = service;
        this.counting = counting;
        setSizeFull();
        create.addClickListener(
                e -> getUI().ifPresent(ui -> ui.navigate(ProformaEditorView.class, new RouteParameters("id", "new"))));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(authentication.hasAnyRole("STAFF", "MANAGER"));
        this.writeGate = writeGate;
        Button asOf = new Button("As of a moment…", VaadinIcon.CLOCK.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("history/as-of")));
        asOf.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        BulkEditLauncher launcher = bulkEditLauncher.getIfAvailable();
        bulkEdit.setVisible(launcher != null && authentication.hasAnyRole("STAFF", "MANAGER"));
        bulkEdit.setTooltipText("Change the picked proformas, or all matching the filter when none is picked");
        bulkEdit.addClickListener(e -> launcher.open(selectedIds(), filter, service.count(filter), this::refresh));
        HorizontalLayout header = new HorizontalLayout(new H2("Proformas"), matching, asOf, bulkEdit, create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.expand(matching);
        add(header, filters(), grid);
        configureGrid();
        refresh();
    }

    private HorizontalLayout filters() {
        number.setPlaceholder("PF-2026-");
        customer.setPlaceholder("Acme");
        statuses.setItems(ProformaStatus.values());
        for (TextField field : List.of(number, customer)) {
            field.setClearButtonVisible(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> refresh());
        }
        statuses.addValueChangeListener(e -> refresh());
        issuedFrom.addValueChangeListener(e -> refresh());
        issuedTo.addValueChangeListener(e -> refresh());
        issuedFrom.setClearButtonVisible(true);
        issuedTo.setClearButtonVisible(true);
        Button clear = new Button("Clear filters", e -> clearFilters());
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(number, customer, statuses, issuedFrom, issuedTo, clear);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        return bar;
    }

    private void configureGrid() {
        DateTimeFormatter dates = DateTimeFormatter.ISO_LOCAL_DATE;
        grid.addColumn(ProformaSummary::number).setHeader("Number").setKey("number").setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(ProformaSummary::customerName).setHeader("Customer").setKey("customer").setSortable(true)
                .setWidth("16rem").setFlexGrow(1).setTooltipGenerator(ProformaSummary::customerName);
        grid.addColumn(p -> dates.format(p.issueDate())).setHeader("Issued").setKey("issueDate").setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(p -> dates.format(p.validUntil())).setHeader("Valid until").setKey("validUntil")
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(ProformaSummary::status).setHeader("Status").setKey("status").setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(p -> p.gross().formatted()).setHeader("Gross").setKey("gross")
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(ProformaSummary::updatedBy).setHeader("Last changed by").setKey("updatedBy")
                .setAutoWidth(true);
        grid.setMultiSort(true, Grid.MultiSortPriority.APPEND);
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.addItemDoubleClickListener(e -> open(e.getItem()));
        grid.setSizeFull();
        // Enter opens the row the keyboard is on (arrow keys move the focus without selecting anything),
        // or else the one picked row
        grid.addCellFocusListener(e -> focusedRow = e.getItem().orElse(null));
        grid.getElement().addEventListener("keydown", e -> {
                    if (focusedRow != null) {
                        open(focusedRow);
                    } else if (grid.getSelectedItems().size() == 1) {
                        open(grid.getSelectedItems().iterator().next());
                    }
                })
                .setFilter("event.key === 'Enter'");
        // several rows can be picked for a bulk edit; a click on a row still opens it
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        // no count callback: the rows come first, sized by an estimate until countMatching has the exact number
        rows = grid.setItems(query -> service.list(filter, toSort(query.getSortOrders()), query.getOffset(),
                query.getLimit()).stream());
    }

    private Set<Long> selectedIds() {
        return grid.getSelectedItems().stream().map(ProformaSummary::id).collect(Collectors.toSet());
    }

    /** No new proformas while editing is locked; checked on every visit and when the layout sees a change. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        applyLock();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        lockWatch = MainLayout.onWriteGateChange(event.getUI(), this::applyLock);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        lockWatch.remove();
        super.onDetach(event);
    }

    private void applyLock() {
        var block = writeGate.blocked();
        create.setEnabled(block.isEmpty());
        create.setTooltipText(block.map(WriteBlock::message).orElse(null));
        bulkEdit.setEnabled(block.isEmpty());
    }

    private void open(ProformaSummary summary) {
        getUI().ifPresent(ui -> ui.navigate(ProformaEditorView.class, ProformaEditorView.routeTo(summary.id())));
    }

    static List<ProformaSort.Order> toSort(List<com.vaadin.flow.data.provider.QuerySortOrder> orders) {
        return orders.stream()
                .filter(o -> SORTABLE.containsKey(o.getSorted()))
                .map(o -> new ProformaSort.Order(SORTABLE.get(o.getSorted()), o.getDirection() == SortDirection.DESCENDING))
                .toList();
    }

    private void clearFilters() {
        number.clear();
        customer.clear();
        statuses.clear();
        issuedFrom.clear();
        issuedTo.clear();
        refresh();
    }

    /** Applies the filter fields; a reversed date range is shown on the field and not queried. */
    void refresh() {
        issuedTo.setInvalid(false);
        if (issuedFrom.getValue() != null && issuedTo.getValue() != null
                && issuedTo.getValue().isBefore(issuedFrom.getValue())) {
            issuedTo.setErrorMessage("Must not be before \"Issued from\"");
            issuedTo.setInvalid(true);
            return;
        }
        if (issuedFrom.isInvalid() || issuedTo.isInvalid()) {
            return;
        }
        filter = new ProformaFilter(number.getValue(), customer.getValue(), statuses.getValue(), issuedFrom.getValue(),
                issuedTo.getValue());
        grid.deselectAll();
        countMatching(filter);
    }

    /**
     * Counting a million proformas takes a few hundred milliseconds, the page alone a few: the
     * grid shows the page at once, sized by the planner's estimate, and takes the exact count
     * when it is ready, from another thread through a push. A count that is overtaken by a newer
     * filter before it starts is skipped; one that finishes late is dropped. Sorting keeps the
     * count it has: the order does not change how many match.
     */
    private void countMatching(ProformaFilter counted) {
        int estimate = service.estimate(counted);
        rows.setItemCountUnknown();
        rows.setItemCountEstimate(Math.max(estimate, 1));
        rows.refreshAll();
        matching.setText("≈ " + estimate + " matching");
        UI ui = UI.getCurrent();
        Runnable count = new DelegatingSecurityContextRunnable(() -> {
            if (filter != counted) {
                return;
            }
            int exact = service.count(counted);
            try {
                ui.access(() -> showCount(counted, exact));
            } catch (UIDetachedException e) {
                // the person has left the list meanwhile: nobody waits for this count
            }
        });
        pendingCount = CompletableFuture.runAsync(count, counting);
    }

    private void showCount(ProformaFilter counted, int exact) {
        if (filter != counted) {
            return;
        }
        rows.setItemCountCallback(query -> exact);
        matching.setText(exact + " matching");
    }
}
