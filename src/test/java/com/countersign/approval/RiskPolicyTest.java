package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import java.math.BigDecimal;
import org.flowable.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** The ADMIN's risk policy decides tiers, and every change of it is audited. */
@CountersignTest
class RiskPolicyTest {

    @Autowired RiskPolicy policy;
    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;

    RiskPolicySettings original;

    @AfterEach
    void restore_the_policy_other_tests_rely_on() {
        if (original != null) {
            Users.actAs("admin", "ADMIN");
            policy.update(original, "restore after test");
        }
        Users.anonymous();
    }

    @Test
    void the_properties_apply_until_an_admin_saves_a_policy() {
        Users.actAs("staff", "STAFF");
        assertThat(policy.current().highTierProformas()).isEqualTo(500);
        assertThat(policy.current().grossChangeThreshold()).isEqualByComparingTo("1000");
    }

    @Test
    void an_admin_lowers_the_high_tier_and_the_next_bulk_edit_needs_two_approvers() {
        Users.actAs("admin", "ADMIN");
        original = policy.current();
        policy.update(new RiskPolicySettings(new BigDecimal("1000"), 2, new BigDecimal("100000")), "pilot with small batches");

        assertThat(policy.history().get(0)).satisfies(change -> {
            assertThat(change.changedBy()).isEqualTo("admin");
            assertThat(change.reason()).isEqualTo("pilot with small batches");
            assertThat(change.after()).contains("\"high_tier_proformas\": 2");
        });
        ApprovalScenario scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
        Users.actAs("staff", "STAFF");
        ChangeSetDraft draft = approvals.preview(
                BulkEditRequest.of(scenario.proformas(3, "Policy"), BulkOperation.SET_NOTES, "n"));
        assertThat(draft.riskTier()).isEqualTo(RiskTier.HIGH);
        assertThat(draft.riskReasons()).contains("high tier: more than 2 proformas");
    }

    @Test
    void only_an_admin_changes_the_policy_and_a_reason_is_required() {
        Users.actAs("manager", "MANAGER", "REVIEWER");
        RiskPolicySettings settings = policy.current();
        assertThatThrownBy(() -> policy.update(settings, "because")).isInstanceOf(AccessDeniedException.class);
        Users.actAs("admin", "ADMIN");
        assertThatThrownBy(() -> policy.update(settings, " ")).hasMessageContaining("Say why");
    }
}
