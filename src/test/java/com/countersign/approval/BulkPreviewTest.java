package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.util.List;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A preview is exact, paged, computed in the database, and changes no proforma. */
@CountersignTest
class BulkPreviewTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    ApprovalScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
    }

    @AfterEach
    void nobody() {
        Users.anonymous();
    }

    @Test
    void all_proformas_matching_a_filter_are_pinned_with_their_versions_and_nothing_changes() {
        String customer = Fixtures.uniqueCustomer("Preview");
        for (int i = 0; i < 4; i++) {
            scenario.proforma(Fixtures.content(customer, ProformaStatus.DRAFT, List.of(
                    Fixtures.line("A", "1", "10.00", "20"), Fixtures.line("B", "2", "5.00", "7"))));
        }
        String before = Tables.checksum(jdbc);
        Users.actAs("staff", "STAFF");

        ChangeSetDraft draft = approvals.preview(BulkEditRequest.matching(
                new ProformaFilter(null, customer, Set.of(), null, null), BulkOperation.SET_TAX_RATE, "19"));

        assertThat(Tables.checksum(jdbc)).isEqualTo(before);
        assertThat(draft.proformaCount()).isEqualTo(4);
        assertThat(draft.lineCount()).isEqualTo(8);
        assertThat(approvals.previewSize(draft.id())).isEqualTo(8);
        assertThat(approvals.previewPage(draft.id(), 0, 3)).hasSize(3)
                .allSatisfy(row -> assertThat(row.after()).isEqualTo("19.00"));
        assertThat(approvals.previewPage(draft.id(), 6, 50)).hasSize(2);
        assertThat(changeSets.find(draft.id()).orElseThrow().summary().selection()).contains("customer " + customer);
    }

    @Test
    void a_status_change_of_issued_proformas_is_named_as_a_risk() {
        long issued = scenario.proforma(Fixtures.content(Fixtures.uniqueCustomer("Risk"), ProformaStatus.ISSUED,
                List.of(Fixtures.line("A", "1", "10.00", "20"))));
        long draft = scenario.proforma(Fixtures.content(Fixtures.uniqueCustomer("Risk")));
        Users.actAs("staff", "STAFF");

        ChangeSetDraft preview = approvals.preview(BulkEditRequest.of(Set.of(issued, draft), BulkOperation.SET_STATUS,
                "cancelled"));

        assertThat(preview.riskReasons()).contains("touches 2 proformas",
                "changes the status of 1 ISSUED or ACCEPTED proforma(s)");
        assertThat(preview.riskTier()).isEqualTo(RiskTier.STANDARD);
    }

    @Test
    void dates_that_would_end_before_the_issue_date_are_refused_at_preview() {
        Set<Long> ids = scenario.proformas(2, "Dates");
        Users.actAs("staff", "STAFF");
        int requests = approvals.myRequests().size();
        assertThatThrownBy(() -> approvals.preview(BulkEditRequest.of(ids, BulkOperation.SHIFT_VALID_UNTIL, "-31")))
                .hasMessageContaining("2 proforma(s) would be valid until a date before their issue date");
        assertThat(approvals.myRequests()).as("no draft is left behind").hasSize(requests);
    }

    @Test
    void a_discarded_draft_is_gone() {
        Set<Long> ids = scenario.proformas(2, "Discard");
        Users.actAs("staff", "STAFF");
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.DELETE, null));
        approvals.discard(draft.id());
        assertThat(changeSets.find(draft.id())).isEmpty();
        // its targets and preview rows go with it (a statement-level trigger, not row-checked keys)
        assertThat(jdbc.sql("""
                select (select count(*) from change_set_target where change_set_id = :id)
                     + (select count(*) from change_set_preview where change_set_id = :id)
                """).param("id", draft.id()).query(Long.class).single()).isZero();
    }
}
