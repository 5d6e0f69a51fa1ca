package com.countersign.deployment.ui;

import com.countersign.approval.ChangeSetStatus;
import com.countersign.deployment.DeploymentService;
import com.countersign.deployment.DeploymentSummary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Data-fix deployments, newest first; a click opens the dry run, decisions and run log. */
@Route("deployments")
@PageTitle("Deployments · Countersign")
@RolesAllowed({"ADMIN", "REVIEWER", "MANAGER"})
public class DeploymentsView extends VerticalLayout {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    final Grid<DeploymentSummary> grid = new Grid<>(DeploymentSummary.class, false);

    public DeploymentsView(DeploymentService deployments, AuthenticationContext auth) {
        setSizeFull();
        Button submit = new Button("New deployment", VaadinIcon.PLUS.create(),
                e -> UI.getCurrent().navigate(DeploymentSubmitView.class));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setVisible(auth.hasRole("ADMIN"));
        grid.addColumn(DeploymentSummary::id).setHeader("#").setAutoWidth(true);
        grid.addColumn(DeploymentSummary::title).setHeader("Title").setFlexGrow(1);
        grid.addColumn(DeploymentSummary::releaseRef).setHeader("Release").setAutoWidth(true);
        grid.addColumn(DeploymentSummary::submittedBy).setHeader("Submitted by").setAutoWidth(true);
        grid.addColumn(d -> WHEN.format(d.submittedAt())).setHeader("Submitted").setAutoWidth(true);
        grid.addColumn(d -> d.flagged() ? "Flagged" : "").setHeader("Dry run").setAutoWidth(true)
                .setPartNameGenerator(d -> d.flagged() ? "flagged" : null);
        grid.addColumn(DeploymentSummary::expectedCount).setHeader("Proformas").setAutoWidth(true);
        grid.addColumn(d -> statusWords(d.status())).setHeader("Status").setAutoWidth(true);
        grid.setItems(query -> deployments.list(query.getOffset(), query.getLimit()).stream(),
                query -> deployments.count());
        grid.addItemClickListener(e -> UI.getCurrent().navigate(DeploymentDetailView.class, e.getItem().id()));
        grid.setSizeFull();
        add(new HorizontalLayout(new H2("Deployments"), submit), grid);
    }

    /** The change set's status as people read it (the words of the approval views). */
    static String statusWords(String status) {
        try {
            return ChangeSetStatus.valueOf(status).label();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return String.valueOf(status);
        }
    }
}
