package com.countersign.deployment.ui;

import com.countersign.base.ui.SignedInRounds;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import com.countersign.deployment.DeploymentDecision;
import com.countersign.deployment.DeploymentDetail;
import com.countersign.deployment.DeploymentService;
import com.countersign.deployment.DeploymentSummary;
import com.countersign.deployment.RunLogEntry;
import com.countersign.deployment.SampleChange;
import com.countersign.deployment.StatementReport;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One deployment: the dry-run report with its red flags, the decisions, the run log and the change
 * set it produced. Reviewers decide here; the service checks four-eyes whatever the buttons show.
 */
@Route("deployment")
@PageTitle("Deployment · Countersign")
@RolesAllowed({"ADMIN", "REVIEWER", "MANAGER"})
public class DeploymentDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    static final int CATCH_UP_SECONDS = 5;

    final H2 heading = new H2();
    final Paragraph facts = new Paragraph();
    final Div flags = new Div();
    final Grid<StatementReport> statements = new Grid<>(StatementReport.class, false);
    final Grid<Sample> sample = new Grid<>(Sample.class, false);
    final Grid<DeploymentDecision> decisions = new Grid<>(DeploymentDecision.class, false);
    final Grid<RunLogEntry> runLog = new Grid<>(RunLogEntry.class, false);
    final Div timeline = new Div();
    final Pre script = new Pre();
    final TextArea comment = new TextArea("Comment");
    final Button approve = new Button("Approve", e -> decide(true));
    final Button reject = new Button("Reject", e -> decide(false));

    private final transient DeploymentService deployments;
    private long id;
    private String shownState = "";
    private transient ScheduledExecutorService catchUp;

    public DeploymentDetailView(DeploymentService deployments, AuthenticationContext auth) {
        this.deployments = deployments;
        flags.setId("deployment-flags");
        flags.getStyle().set("color", "var(--lumo-error-text-color)");
        statements.addColumn(StatementReport::number).setHeader("#").setAutoWidth(true);
        statements.addColumn(StatementReport::firstLine).setHeader("Statement").setFlexGrow(1);
        statements.addColumn(StatementReport::table).setHeader("Table").setAutoWidth(true);
        statements.addColumn(StatementReport::rows).setHeader("Rows").setAutoWidth(true);
        statements.addColumn(s -> String.format(Locale.ROOT, "%.2f %% of %d", s.share() * 100, s.tableRows()))
                .setHeader("Share of table").setAutoWidth(true);
        statements.addColumn(s -> String.join("; ", s.flags())).setHeader("Flags").setFlexGrow(1);
        statements.setPartNameGenerator(s -> s.flagged() ? "flagged" : null);
        statements.setAllRowsVisible(true);
        sample.addColumn(Sample::statement).setHeader("#").setAutoWidth(true);
        sample.addColumn(s -> s.change().record()).setHeader("Record").setAutoWidth(true);
        sample.addColumn(s -> s.change().field()).setHeader("Field").setAutoWidth(true);
        sample.addColumn(s -> s.change().before()).setHeader("Before").setFlexGrow(1);
        sample.addColumn(s -> s.change().after()).setHeader("After").setFlexGrow(1);
        sample.setAllRowsVisible(true);
        decisions.addColumn(DeploymentDecision::step).setHeader("Step").setAutoWidth(true);
        decisions.addColumn(DeploymentDecision::decidedBy).setHeader("By").setAutoWidth(true);
        decisions.addColumn(d -> DeploymentsView.WHEN.format(d.decidedAt())).setHeader("When").setAutoWidth(true);
        decisions.addColumn(d -> d.approved() ? "Approved" : "Rejected").setHeader("Outcome").setAutoWidth(true);
        decisions.addColumn(DeploymentDecision::comment).setHeader("Comment").setFlexGrow(1);
        decisions.setAllRowsVisible(true);
        runLog.addColumn(RunLogEntry::number).setHeader("#").setAutoWidth(true);
        runLog.addColumn(RunLogEntry::firstLine).setHeader("Statement").setFlexGrow(1);
        runLog.addColumn(RunLogEntry::rows).setHeader("Rows").setAutoWidth(true);
        runLog.addColumn(RunLogEntry::dryRunRows).setHeader("Dry run").setAutoWidth(true);
        runLog.addColumn(RunLogEntry::millis).setHeader("ms").setAutoWidth(true);
        runLog.setAllRowsVisible(true);
        script.getStyle().set("font-family", "monospace").set("white-space", "pre-wrap");
        comment.setWidthFull();
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        boolean decider = auth.hasAnyRole("REVIEWER", "MANAGER");
        HorizontalLayout decide = new HorizontalLayout(approve, reject);
        comment.setVisible(decider);
        approve.setVisible(decider);
        reject.setVisible(decider);
        add(heading, facts, flags, new H3("Dry run (rolled back)"), statements, new H3("Sample of the changes"), sample,
                comment, decide, new H3("Decisions"), decisions, new H3("Run log"), runLog, new H3("Timeline"), timeline,
                new H3("Script"), script);
    }

    @Override
    public void setParameter(BeforeEvent event, Long parameter) {
        id = parameter;
        refresh();
    }

    /** "200 proforma rows and 640 line rows", as people read it, not {proforma=200, proforma_line=640}. */
    static String perTable(java.util.Map<String, Integer> rows) {
        if (rows.isEmpty()) {
            return "no rows";
        }
        return rows.entrySet().stream().map(e -> e.getValue() + (e.getKey().equals("proforma_line") ? " line" : " proforma")
                + (e.getValue() == 1 ? " row" : " rows")).collect(java.util.stream.Collectors.joining(" and "));
    }

    /**
     * While the page is open it catches up by itself every few seconds (off the UI thread, as the
     * person who opened it): a decision, a run or a failure by someone else shows without a reload.
     * The comment being typed is left alone.
     */
    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        catchUp = SignedInRounds.every(CATCH_UP_SECONDS, "deployment-catch-up", person, () -> {
            DeploymentDetail latest = deployments.detail(id);
            ui.access(() -> showIfChanged(latest));
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (catchUp != null) {
            catchUp.shutdownNow();
        }
    }

    void catchUpNow() {
        showIfChanged(deployments.detail(id));
    }

    private void showIfChanged(DeploymentDetail latest) {
        if (!stateOf(latest).equals(shownState)) {
            show(latest);
        }
    }

    private static String stateOf(DeploymentDetail detail) {
        return detail.summary().status() + "|" + detail.decisions().size() + "|" + detail.runLog().size() + "|"
                + detail.openStep() + "|" + detail.failureReason();
    }

    private void refresh() {
        show(deployments.detail(id));
    }

    private void show(DeploymentDetail detail) {
        shownState = stateOf(detail);
        DeploymentSummary summary = detail.summary();
        heading.setText("Deployment " + summary.id() + ": " + summary.title());
        facts.setText("Release " + summary.releaseRef() + " · submitted by " + summary.submittedBy() + " at "
                + DeploymentsView.WHEN.format(summary.submittedAt()) + " · " + DeploymentsView.statusWords(summary.status())
                + " · change set " + summary.changeSetId() + " for exactly " + summary.expectedCount() + " proforma(s)"
                + " · the dry run changed " + perTable(detail.dryRun().rowsPerTable())
                + (detail.failureReason() == null ? "" : " · failed: " + detail.failureReason())
                + (detail.description() == null || detail.description().isBlank() ? "" : " · " + detail.description()));
        flags.removeAll();
        detail.dryRun().flags().forEach(flag -> flags.add(new Paragraph("⚑ " + flag)));
        statements.setItems(detail.dryRun().statements());
        List<Sample> changes = new ArrayList<>();
        detail.dryRun().statements().forEach(s -> s.sample().forEach(c -> changes.add(new Sample(s.number(), c))));
        sample.setItems(changes);
        decisions.setItems(detail.decisions());
        runLog.setItems(detail.runLog());
        timeline.removeAll();
        detail.timeline().forEach(line -> timeline.add(new Paragraph(line)));
        script.setText(detail.script());
        boolean open = detail.openStep() != null;
        approve.setEnabled(open);
        reject.setEnabled(open);
        approve.setText("SECOND_APPROVAL".equals(detail.openStep()) ? "Approve (second approval)" : "Approve");
    }

    private void decide(boolean approved) {
        try {
            if (approved) {
                deployments.approve(id, comment.getValue());
            } else {
                deployments.reject(id, comment.getValue());
            }
            comment.clear();
        } catch (RuntimeException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE);
        }
        refresh();
    }

    record Sample(int statement, SampleChange change) {}
}
