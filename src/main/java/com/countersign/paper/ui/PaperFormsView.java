package com.countersign.paper.ui;

import com.countersign.paper.BlankBatch;
import com.countersign.paper.PaperSelection;
import com.countersign.paper.PaperService;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaStatus;
import com.countersign.proforma.ProformaSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What managers print when the portal cannot be used for editing: packs of proforma forms (chosen,
 * matching a filter, or as they were at a moment) as PDF or CSV, and blank forms on reserved numbers.
 */
@Route("paper")
@PageTitle("Paper forms · Countersign")
@RolesAllowed("MANAGER")
public class PaperFormsView extends VerticalLayout {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    final TextField number = new TextField("Number starts with");
    final TextField customer = new TextField("Customer starts with");
    final MultiSelectComboBox<ProformaStatus> statuses = new MultiSelectComboBox<>("Status");
    final DatePicker issuedFrom = new DatePicker("Issued from");
    final DatePicker issuedTo = new DatePicker("Issued to");
    final DateTimePicker asOf = new DateTimePicker("As of (optional)");
    final Grid<ProformaSummary> proformas = new Grid<>(ProformaSummary.class, false);
    final Span summary = new Span();
    final ExportProgress progress = new ExportProgress();
    final IntegerField blankCount = new IntegerField("Blank forms");
    final TextField blankNote = new TextField("For (optional)");
    final Button reserve = new Button("Reserve numbers");
    final Grid<BlankBatch> batches = new Grid<>(BlankBatch.class, false);

    private final transient PaperService paper;
    private final transient ProformaService proformaService;
    private ProformaFilter filter = ProformaFilter.ALL;
    /** Read by download requests, which do not hold the session lock: replaced whole on every change. */
    private volatile PaperSelection selection = PaperSelection.matching(ProformaFilter.ALL);

    public PaperFormsView(PaperService paper, ProformaService proformaService) {
        this.paper = paper;
        this.proformaService = proformaService;
        setWidthFull();
        add(new H2("Paper forms"), new Paragraph("Works while editing is locked. Choose rows to print only those; "
                + "otherwise everything matching the filter is printed. With a moment set, every matching proforma is "
                + "printed as it was then, from history."));
        add(filters(), summary, proformaGrid(), downloads(), progress);
        add(new H3("Blank pre-numbered forms"), new Paragraph("Numbers are taken from the proforma sequence now, so "
                + "nobody else can use them; enter each form under its number once editing is open again."),
                blankBar(), batches, new Anchor("paper/register", "Open the paper form register"));
        configureBatches();
        refresh();
    }

    private HorizontalLayout filters() {
        statuses.setItems(ProformaStatus.values());
        asOf.setStep(java.time.Duration.ofSeconds(1));
        for (TextField field : List.of(number, customer)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> refresh());
        }
        statuses.addValueChangeListener(e -> refresh());
        issuedFrom.addValueChangeListener(e -> refresh());
        issuedTo.addValueChangeListener(e -> refresh());
        asOf.addValueChangeListener(e -> refresh());
        HorizontalLayout bar = new HorizontalLayout(number, customer, statuses, issuedFrom, issuedTo, asOf);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWrap(true);
        return bar;
    }

    private Grid<ProformaSummary> proformaGrid() {
        proformas.addColumn(ProformaSummary::number).setHeader("Number").setKey("number").setAutoWidth(true);
        proformas.addColumn(ProformaSummary::customerName).setHeader("Customer").setKey("customer").setFlexGrow(1);
        proformas.addColumn(p -> p.issueDate().toString()).setHeader("Issued").setKey("issueDate").setAutoWidth(true);
        proformas.addColumn(ProformaSummary::status).setHeader("Status").setKey("status").setAutoWidth(true);
        proformas.addColumn(p -> p.gross().formatted()).setHeader("Gross").setKey("gross").setAutoWidth(true);
        proformas.setSelectionMode(Grid.SelectionMode.MULTI);
        proformas.addSelectionListener(e -> updateSelection());
        proformas.setHeight("20em");
        proformas.setItems(q -> proformaService.list(filter, List.of(), q.getOffset(), q.getLimit()).stream(),
                q -> proformaService.count(filter));
        return proformas;
    }

    private HorizontalLayout downloads() {
        Anchor pdf = progress.link(progress.download(() -> paper.fileName(selection, "pdf"), "application/pdf",
                () -> paper.count(selection), (out, done) -> paper.printPdf(selection, out, done)), "Download PDF forms");
        Anchor csv = progress.link(progress.download(() -> paper.fileName(selection, "csv"), "text/csv",
                () -> paper.count(selection), (out, done) -> paper.exportCsv(selection, out, done)), "Download CSV");
        HorizontalLayout bar = new HorizontalLayout(pdf, csv);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        return bar;
    }

    private HorizontalLayout blankBar() {
        blankCount.setMin(1);
        blankCount.setMax(10_000);
        blankCount.setValue(20);
        blankCount.setStepButtonsVisible(true);
        reserve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reserve.addClickListener(e -> reserve());
        HorizontalLayout bar = new HorizontalLayout(blankCount, blankNote, reserve);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        return bar;
    }

    private void configureBatches() {
        batches.addColumn(BlankBatch::id).setHeader("Batch").setKey("id").setAutoWidth(true);
        batches.addColumn(b -> b.firstNumber() + " – " + b.lastNumber()).setHeader("Numbers").setKey("numbers")
                .setAutoWidth(true);
        batches.addColumn(b -> b.entered() + " of " + b.count()).setHeader("Entered").setKey("entered")
                .setAutoWidth(true);
        batches.addColumn(b -> b.reservedBy() + ", " + WHEN.format(b.reservedAt())).setHeader("Reserved")
                .setKey("reserved").setAutoWidth(true);
        batches.addColumn(b -> b.note() == null ? "" : b.note()).setHeader("For").setKey("note").setFlexGrow(1);
        batches.addComponentColumn(b -> {
            return progress.link(progress.download(() -> "blank-forms-batch-" + b.id() + ".pdf", "application/pdf",
                    b::count, (out, done) -> paper.printBlankForms(b.id(), out, done)), "PDF");
        }).setHeader("Print").setKey("print").setAutoWidth(true);
        batches.setAllRowsVisible(true);
        batches.setItems(paper.batches(50));
    }

    private void reserve() {
        Integer count = blankCount.getValue();
        if (count == null || count < 1 || count > 10_000) {
            blankCount.setErrorMessage("1 to 10000");
            blankCount.setInvalid(true);
            return;
        }
        blankCount.setInvalid(false);
        BlankBatch batch = paper.reserveBlankForms(count, blankNote.getValue());
        batches.setItems(paper.batches(50));
        Notification.show("Reserved " + batch.firstNumber() + " to " + batch.lastNumber() + ". Print them from the "
                + "list below.", 6000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    void refresh() {
        if (issuedFrom.getValue() != null && issuedTo.getValue() != null
                && issuedTo.getValue().isBefore(issuedFrom.getValue())) {
            issuedTo.setErrorMessage("Must not be before \"Issued from\"");
            issuedTo.setInvalid(true);
            return;
        }
        issuedTo.setInvalid(false);
        filter = new ProformaFilter(number.getValue(), customer.getValue(), statuses.getValue(), issuedFrom.getValue(),
                issuedTo.getValue());
        proformas.deselectAll();
        proformas.setEnabled(asOf.getValue() == null);
        proformas.getDataProvider().refreshAll();
        updateSelection();
    }

    private void updateSelection() {
        var chosen = proformas.getSelectedItems();
        if (asOf.getValue() != null) {
            var at = asOf.getValue().atZone(ZoneId.systemDefault()).toInstant();
            selection = PaperSelection.asOf(filter, at);
            summary.setText("Prints all " + paper.count(selection) + " proformas matching the filter as they were at "
                    + WHEN.format(at) + ".");
        } else if (!chosen.isEmpty()) {
            selection = PaperSelection.chosen(chosen.stream().map(ProformaSummary::id).toList());
            summary.setText("Prints the " + chosen.size() + " chosen proformas.");
        } else {
            selection = PaperSelection.matching(filter);
            summary.setText("Prints all " + paper.count(selection) + " proformas matching the filter.");
        }
    }

    PaperSelection selection() {
        return selection;
    }
}
