package com.countersign.deployment.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.deployment.DeploymentService;
import com.countersign.proforma.ProformaService;
import com.countersign.support.Fixtures;
import com.countersign.support.KaribuTest;
import com.countersign.support.Tables;
import com.countersign.support.Ui;
import com.countersign.support.Users;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class DeploymentViewsTest extends KaribuTest {

    @Autowired ProformaService proformas;
    @Autowired JdbcClient jdbc;
    @Autowired DeploymentService deployments;

    @Test
    void a_refused_script_names_the_statement_and_stays_on_the_form() {
        login("admin", "ADMIN");
        UI.getCurrent().navigate(DeploymentSubmitView.class);
        DeploymentSubmitView form = _get(DeploymentSubmitView.class);
        form.title.setValue("Drop it");
        form.release.setValue("R-1");
        form.script.setValue("update proforma set notes = 'x' where id = 1;\ntruncate proforma");
        _click(Ui.button("Submit for review"));
        assertThat(form.problems.getElement().getTextRecursively()).contains("Statement 2 (TRUNCATE proforma): DDL");
    }

    @Test
    void an_admin_submits_a_script_and_a_reviewer_sees_the_dry_run_with_its_red_flags_and_approves() {
        Users.actAs("staff", "STAFF");
        String customer = Fixtures.uniqueCustomer("Karibu deploy");
        long id = proformas.create(Fixtures.content(customer)).id();
        String before = Tables.checksum(jdbc);
        login("admin", "ADMIN");
        UI.getCurrent().navigate(DeploymentSubmitView.class);
        DeploymentSubmitView form = _get(DeploymentSubmitView.class);
        form.title.setValue("Fix the customer's notes");
        form.release.setValue("R-2026.11.2");
        form.description.setValue("Ticket 42");
        form.script.setValue("update proforma set notes = 'from the release' where customer_name = '" + customer + "'");
        _click(Ui.button("Submit for review"));

        DeploymentDetailView detail = _get(DeploymentDetailView.class);
        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(GridKt._size(detail.statements)).isEqualTo(1);
        assertThat(GridKt._get(detail.statements, 0).rows()).isEqualTo(1);
        assertThat(detail.flags.getElement().getTextRecursively()).contains("no key predicate");
        assertThat(GridKt._get(detail.sample, 0).change().after()).isEqualTo("from the release");
        assertThat(detail.facts.getText()).contains("Waiting for review").contains("exactly 1 proforma(s)")
                .contains("the dry run changed 1 proforma row").doesNotContain("PENDING_REVIEW").doesNotContain("{");
        assertThat(detail.approve.isVisible()).isFalse();

        login("reviewer", "REVIEWER");
        UI.getCurrent().navigate(DeploymentsView.class);
        DeploymentsView list = _get(DeploymentsView.class);
        assertThat(GridKt._get(list.grid, 0).title()).isEqualTo("Fix the customer's notes");
        UI.getCurrent().navigate(DeploymentDetailView.class, GridKt._get(list.grid, 0).id());
        DeploymentDetailView review = _get(DeploymentDetailView.class);
        _click(review.approve);
        assertThat(GridKt._get(review.decisions, 0).decidedBy()).isEqualTo("reviewer");
        assertThat(review.approve.getText()).isEqualTo("Approve (second approval)");
        assertThat(review.facts.getText()).contains("Waiting for review");
        assertThat(id).isPositive();
    }

    @Test
    void an_open_deployment_page_catches_up_with_a_decision_made_elsewhere() {
        Users.actAs("staff", "STAFF");
        String customer = Fixtures.uniqueCustomer("Karibu catch-up");
        proformas.create(Fixtures.content(customer));
        login("admin", "ADMIN");
        UI.getCurrent().navigate(DeploymentSubmitView.class);
        DeploymentSubmitView form = _get(DeploymentSubmitView.class);
        form.title.setValue("Catch up");
        form.release.setValue("R-2026.12.1");
        form.script.setValue("update proforma set notes = 'caught up' where customer_name = '" + customer + "'");
        _click(Ui.button("Submit for review"));
        DeploymentDetailView open = _get(DeploymentDetailView.class);
        long deployment = Long.parseLong(open.heading.getText().replaceAll("^Deployment (\\d+):.*$", "$1"));
        assertThat(GridKt._size(open.decisions)).isZero();

        Users.actAs("reviewer", "REVIEWER");
        deployments.approve(deployment, "looks right");
        login("admin", "ADMIN");
        open.catchUpNow();

        assertThat(GridKt._size(open.decisions)).isEqualTo(1);
        assertThat(GridKt._get(open.decisions, 0).decidedBy()).isEqualTo("reviewer");
        assertThat(open.timeline.getElement().getTextRecursively()).contains("reviewer");
    }
}
