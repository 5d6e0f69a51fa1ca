package com.countersign.history.ui;

import com.countersign.base.NotFoundException;
import com.countersign.history.HistoryService;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** The history of one proforma on its own page: the way back to a proforma that was deleted. */
@Route("history/proforma/:id")
@PageTitle("History · Countersign")
@PermitAll
public class ProformaHistoryView extends VerticalLayout implements BeforeEnterObserver {

    private final transient HistoryService history;
    private final boolean mayRestore;

    public ProformaHistoryView(HistoryService history, AuthenticationContext authentication) {
        this.history = history;
        this.mayRestore = authentication.hasAnyRole("STAFF", "MANAGER");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String param = event.getRouteParameters().get("id").orElse("");
        if (!param.matches("\\d{1,18}")) {
            throw new NotFoundException("\"" + param + "\" is not a proforma id.");
        }
        long id = Long.parseLong(param);
        var last = history.lastKnown(id).orElseThrow(() -> new NotFoundException(
                "Proforma " + id + " has no history: it never existed."));
        removeAll();
        boolean deleted = history.isDeleted(id);
        add(new H2("History of " + last.number()));
        if (deleted) {
            add(new Paragraph(last.number() + " (" + last.content().customerName()
                    + ") is deleted. Pick its last version below and restore it to bring it back with its lines."));
        } else {
            add(new Anchor("proformas/" + id, "Open " + last.number()));
        }
        add(new HistoryPanel(history, id, mayRestore, () -> getUI().ifPresent(ui -> ui.navigate("proformas/" + id))));
    }
}
