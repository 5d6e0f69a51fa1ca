package com.countersign.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The product's own page for an address that is no view and for a view the signed-in person may not
 * open. It replaces Vaadin's default page, which in development mode lists every route, the
 * administrators' ones included. On purpose the same words and status for both, so that the page does
 * not tell a member of staff which admin pages exist.
 */
abstract class UnavailablePage extends VerticalLayout {

    private final Paragraph message = new Paragraph();

    UnavailablePage() {
        add(new H2("Page not found"), message,
                new Paragraph("If someone sent you this link, ask them which page they meant; the menu lists every "
                        + "page your account can open."),
                new Anchor("proformas", "Back to the proformas"));
    }

    int show(BeforeEnterEvent event) {
        message.setText("There is no page at /" + event.getLocation().getPath() + " that your account can open.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
