package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import java.math.BigDecimal;
import java.util.List;
import org.flowable.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A request nobody could ever approve is refused when it is submitted, with the reason; otherwise it says who can. */
@CountersignTest
class ApproversTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired RiskPolicy policy;
    @Autowired JdbcClient jdbc;

    ApprovalScenario scenario;
    RiskPolicySettings original;

    @BeforeEach
    void high_risk_from_three_proformas() {
        scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
        Users.actAs("admin", "ADMIN");
        original = policy.current();
        policy.update(new RiskPolicySettings(original.grossChangeThreshold(), 2, original.highTierTotalValue()),
                "test: small high tier");
    }

    @AfterEach
    void restore_the_policy() {
        Users.actAs("admin", "ADMIN");
        policy.update(original, "restore after test");
        Users.anonymous();
    }

    @Test
    void a_high_risk_change_requested_by_the_only_manager_is_refused_at_submit_and_then_accepted_with_a_second() {
        var ids = scenario.proformas(3, "Only manager");
        Users.actAs("manager", "MANAGER", "REVIEWER");
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "fixed"));
        assertThat(draft.riskTier()).isEqualTo(RiskTier.HIGH);
        List<String> otherManagers = jdbc.sql("""
                select u.username from app_user u join app_user_role r on r.user_id = u.id
                 where r.role = 'MANAGER' and u.enabled and u.username <> 'manager'
                """).query(String.class).list();
        assertThat(otherManagers).contains("manager2");
        setEnabled(otherManagers, false);
        try {
            assertThatThrownBy(() -> approvals.submit(draft.id(), "the fix"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Nobody could approve this")
                    .hasMessageContaining("there is no other manager")
                    .hasMessageContaining("nothing was submitted");
            assertThat(scenario.statusOf(draft.id())).isEqualTo(ChangeSetStatus.DRAFT);
        } finally {
            setEnabled(otherManagers, true);
        }

        Users.actAs("manager", "MANAGER", "REVIEWER");
        approvals.submit(draft.id(), "the fix");

        assertThat(scenario.statusOf(draft.id())).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        assertThat(approvals.detail(draft.id()).timeline()).anySatisfy(entry -> assertThat(entry.what())
                .startsWith("Can be reviewed by ").contains("reviewer").contains("the second approval by ")
                .contains("manager2").doesNotContain(" manager,"));
    }

    @Test
    void an_ordinary_change_says_who_can_review_it_and_never_names_the_requester() {
        var ids = scenario.proformas(1, "Ordinary");
        Users.actAs("staff", "STAFF");
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "n"));
        approvals.submit(draft.id(), "a note");

        assertThat(approvals.detail(draft.id()).timeline()).anySatisfy(entry -> assertThat(entry.what())
                .startsWith("Can be reviewed by ").contains("reviewer").contains("manager").doesNotContain("staff")
                .doesNotContain("second approval"));
    }

    private void setEnabled(List<String> usernames, boolean enabled) {
        jdbc.sql("update app_user set enabled = :enabled where username in (:names)")
                .param("enabled", enabled).param("names", usernames).update();
    }
}
