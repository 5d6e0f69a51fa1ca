package com.countersign.base.ui;

import com.countersign.base.NotFoundException;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/** What a person sees for a link to a record that does not exist, instead of a stack trace. */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    private final Paragraph message = new Paragraph();

    public NotFoundView() {
        add(new H2("Not found"), message, new Anchor("proformas", "Back to the proformas"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        message.setText(parameter.getException().getMessage());
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
