package com.countersign.deployment.ui;

import com.countersign.deployment.DeploymentRequest;
import com.countersign.deployment.DeploymentService;
import com.countersign.deployment.DeploymentSummary;
import com.countersign.deployment.DryRunReport;
import com.countersign.deployment.ScriptRefused;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** An ADMIN writes the data-fix script; "Dry run" only checks, "Submit" dry-runs and asks for review. */
@Route("deployments/new")
@PageTitle("New deployment · Countersign")
@RolesAllowed("ADMIN")
public class DeploymentSubmitView extends VerticalLayout {

    final TextField title = new TextField("Title");
    final TextField release = new TextField("Release reference");
    final TextArea description = new TextArea("Description");
    final TextArea script = new TextArea("SQL script (INSERT, UPDATE, DELETE on proforma and proforma_line)");
    final Div problems = new Div();

    private final transient DeploymentService deployments;

    public DeploymentSubmitView(DeploymentService deployments) {
        this.deployments = deployments;
        title.setWidthFull();
        title.setMaxLength(200);
        release.setMaxLength(100);
        description.setWidthFull();
        script.setWidthFull();
        script.setMinHeight("16em");
        script.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        script.getElement().getStyle().set("--lumo-font-family", "monospace");
        problems.setId("deployment-problems");
        problems.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "pre-wrap");
        Button check = new Button("Dry run", e -> check());
        Button submit = new Button("Submit for review", e -> submit());
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2("New deployment"), title, release, description, script, problems, new HorizontalLayout(check, submit));
    }

    private void check() {
        try {
            DryRunReport report = deployments.check(script.getValue());
            show(List.of("Dry run (rolled back): " + report.proformas() + " proforma(s) would change"
                    + (report.flagged() ? "; flagged:" : "")), report.flags());
        } catch (ScriptRefused e) {
            show(e.problems(), List.of());
        }
    }

    private void submit() {
        try {
            DeploymentSummary submitted = deployments.submit(new DeploymentRequest(title.getValue(), release.getValue(),
                    description.getValue(), script.getValue()));
            UI.getCurrent().navigate(DeploymentDetailView.class, submitted.id());
        } catch (ScriptRefused e) {
            show(e.problems(), List.of());
        } catch (IllegalArgumentException e) {
            show(List.of(e.getMessage()), List.of());
        }
    }

    private void show(List<String> lines, List<String> more) {
        problems.removeAll();
        lines.forEach(line -> problems.add(new Paragraph(line)));
        more.forEach(line -> problems.add(new Paragraph(line)));
    }
}
