package com.countersign.paper.ui;

import com.countersign.base.WriteBlock;
import com.countersign.base.WriteGate;
import com.countersign.paper.PaperService;
import com.countersign.paper.RegisterFilter;
import com.countersign.paper.ReservedNumber;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Every reserved paper form number, and which were entered as which proforma: what is still on paper. */
@Route("paper/register")
@PageTitle("Paper form register · Countersign")
@RolesAllowed({"STAFF", "MANAGER"})
public class PaperRegisterView extends VerticalLayout {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    final RadioButtonGroup<RegisterFilter> show = new RadioButtonGroup<>("Show");
    final Grid<ReservedNumber> grid = new Grid<>(ReservedNumber.class, false);
    final Span counts = new Span();

    private final transient PaperService paper;
    private final Optional<WriteBlock> block;

    public PaperRegisterView(PaperService paper, WriteGate writeGate) {
        this.paper = paper;
        this.block = writeGate.blocked();
        setSizeFull();
        show.setItems(RegisterFilter.values());
        show.setItemLabelGenerator(f -> switch (f) {
            case OPEN -> "Not entered yet";
            case ENTERED -> "Entered";
            case ALL -> "All";
        });
        show.setValue(RegisterFilter.OPEN);
        show.addValueChangeListener(e -> refresh());
        grid.addColumn(ReservedNumber::number).setHeader("Number").setKey("number").setAutoWidth(true);
        grid.addColumn(ReservedNumber::batchId).setHeader("Batch").setKey("batch").setAutoWidth(true);
        grid.addColumn(r -> r.reservedBy() + ", " + WHEN.format(r.reservedAt())).setHeader("Reserved")
                .setKey("reserved").setAutoWidth(true);
        grid.addColumn(r -> r.entered() ? r.enteredBy() + ", " + WHEN.format(r.enteredAt()) : "")
                .setHeader("Entered").setKey("entered").setAutoWidth(true);
        grid.addComponentColumn(this::action).setHeader("").setKey("action").setFlexGrow(1);
        grid.setSizeFull();
        grid.setItems(q -> paper.register(show.getValue(), q.getOffset(), q.getLimit()).stream(),
                q -> paper.registerCount(show.getValue()));
        HorizontalLayout header = new HorizontalLayout(new H2("Paper form register"), counts);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header, show, grid);
        refresh();
    }

    private com.vaadin.flow.component.Component action(ReservedNumber row) {
        if (row.entered()) {
            return new Anchor("proformas/" + row.proformaId(), "Open proforma");
        }
        Button enter = new Button("Enter this form", e -> getUI().ifPresent(ui -> ui.navigate("proformas/new",
                QueryParameters.of("paper", row.number()))));
        enter.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        enter.setEnabled(block.isEmpty());
        block.map(WriteBlock::message).ifPresent(enter::setTooltipText);
        return enter;
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
        counts.setText(paper.registerCount(RegisterFilter.OPEN) + " not entered, "
                + paper.registerCount(RegisterFilter.ENTERED) + " entered");
    }
}
