package com.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Amounts in different currencies are never added as they are, and price changes end at the currency's scale. */
@CountersignTest
class CurrencyRiskTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired ChangeSets changeSets;
    @Autowired ManagementService management;
    @Autowired RiskPolicy policy;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseRoles roles;

    RiskPolicySettings original;

    @BeforeEach
    void remember_the_policy() {
        Users.actAs("admin", "ADMIN");
        original = policy.current();
    }

    @AfterEach
    void restore_the_policy_and_forget_the_rates() {
        Users.actAs("admin", "ADMIN");
        policy.update(original, "restore after test");
        roles.ownerSql().sql("delete from currency_rate").update(); // rates are never deleted by the portal
        Users.anonymous();
    }

    @Test
    void without_a_rate_a_currency_counts_at_face_value_and_every_figure_says_so_per_currency() {
        Set<Long> ids = mixed();
        lowThresholds();
        Users.actAs("staff", "STAFF");

        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.ADJUST_LINE_PRICES, "10"));

        // EUR: 2 x 850.00 + 20 % = 2,040.00, +204.00; CZK: 2 x 8,500.00 + 20 % = 20,400.00, +2,040.00
        assertThat(draft.riskReasons()).contains(
                "changes a gross total by 2,040.00 CZK, no rate set: counted as 2,040.00 EUR, above the threshold of 100.00 EUR",
                "high tier: total gross value 22,440.00 EUR (20,400.00 CZK, no rate set: counted as 20,400.00 EUR"
                        + " + 2,040.00 EUR) is above 2,000.00 EUR");
        assertThat(draft.riskTier()).isEqualTo(RiskTier.HIGH);
    }

    @Test
    void with_a_rate_each_currency_is_converted_and_the_reason_shows_the_rate_and_its_date() {
        Set<Long> ids = mixed();
        lowThresholds();
        Users.actAs("admin", "ADMIN");
        policy.setRate("CZK", new BigDecimal("0.04"), LocalDate.of(2026, 12, 1), "ECB reference rate");
        Users.actAs("staff", "STAFF");

        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.ADJUST_LINE_PRICES, "10"));

        // CZK: 20,400 ≈ 816.00 EUR at stake, +2,040 CZK ≈ 81.60 EUR; the largest change is the EUR one (+204.00)
        assertThat(draft.riskReasons()).contains(
                "changes a gross total by 204.00 EUR, above the threshold of 100.00 EUR",
                "high tier: total gross value 2,856.00 EUR (20,400.00 CZK ≈ 816.00 EUR at 0.04 EUR per CZK of 2026-12-01"
                        + " + 2,040.00 EUR) is above 2,000.00 EUR");
        assertThat(draft.riskTier()).isEqualTo(RiskTier.HIGH);
    }

    private void lowThresholds() {
        Users.actAs("admin", "ADMIN");
        policy.update(new RiskPolicySettings(new BigDecimal("100"), original.highTierProformas(), new BigDecimal("2000")),
                "test: low thresholds");
    }

    @Test
    void a_price_change_is_rounded_to_the_currency_and_the_preview_shows_from_what() {
        Users.actAs("admin", "ADMIN");
        policy.setRate("JPY", new BigDecimal("0.0061"), LocalDate.of(2026, 12, 1), "ECB reference rate");
        Users.actAs("staff", "STAFF");
        long eur = proformas.create(content("EUR", "37.25")).id();
        long jpy = proformas.create(content("JPY", "1000")).id();

        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(Set.of(eur, jpy), BulkOperation.ADJUST_LINE_PRICES, "5"));

        List<PreviewRow> rows = approvals.previewPage(draft.id(), 0, 10);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.proformaId()).isEqualTo(eur);
            assertThat(r.before()).isEqualTo("37.25");
            assertThat(r.after()).isEqualTo("39.11 (rounded from 39.1125)");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.proformaId()).isEqualTo(jpy);
            assertThat(r.before()).isEqualTo("1000");
            assertThat(r.after()).isEqualTo("1050");
        });

        assertThat(draft.riskTier()).isEqualTo(RiskTier.STANDARD);
        approvals.submit(draft.id(), "five percent");
        ApprovalScenario scenario = new ApprovalScenario(proformas, approvals, changeSets, management);
        scenario.approveAsReviewer(draft.id());
        scenario.runApplyJob(draft.id());
        Users.actAs("staff", "STAFF");
        assertThat(proformas.find(eur).orElseThrow().content().lines().get(0).unitPrice()).isEqualByComparingTo("39.11");
        assertThat(proformas.find(jpy).orElseThrow().content().lines().get(0).unitPrice()).isEqualByComparingTo("1050");
    }

    @Test
    void only_an_admin_sets_a_rate_with_a_source_and_every_rate_is_audited() {
        Users.actAs("staff", "STAFF");
        assertThatThrownBy(() -> policy.setRate("CZK", BigDecimal.ONE, LocalDate.now(), "x"))
                .isInstanceOf(AccessDeniedException.class);
        Users.actAs("admin", "ADMIN");
        assertThatThrownBy(() -> policy.setRate("CZK", new BigDecimal("-1"), LocalDate.now(), "x"))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> policy.setRate("CZK", BigDecimal.ONE, LocalDate.now(), " "))
                .hasMessageContaining("Say where the rate comes from");
        assertThatThrownBy(() -> policy.setRate("EUR", BigDecimal.ONE, LocalDate.now(), "x"))
                .hasMessageContaining("policy's own currency");
        assertThat(policy.rates()).isEmpty();

        policy.setRate("PLN", new BigDecimal("0.23"), LocalDate.of(2026, 12, 2), "bank's rate sheet");

        assertThat(policy.rates()).singleElement().satisfies(r -> {
            assertThat(r.currency()).isEqualTo("PLN");
            assertThat(r.setBy()).isEqualTo("admin");
        });
        assertThat(policy.history().get(0)).satisfies(change -> {
            assertThat(change.reason()).isEqualTo("bank's rate sheet");
            assertThat(change.after()).contains("\"currency\": \"PLN\"").contains("0.23");
        });
    }

    /** One proforma in EUR (2 x 850.00 + 20 %) and one in CZK (2 x 8,500.00 + 20 %). */
    private Set<Long> mixed() {
        Users.actAs("staff", "STAFF");
        Set<Long> ids = new LinkedHashSet<>();
        ids.add(proformas.create(content("EUR", "850.00")).id());
        ids.add(proformas.create(content("CZK", "8500.00")).id());
        return ids;
    }

    private static ProformaContent content(String currency, String unitPrice) {
        ProformaContent base = Fixtures.content(Fixtures.uniqueCustomer("Currency " + currency), ProformaStatus.DRAFT,
                List.of(Fixtures.line("Consulting day", currency.equals("JPY") ? "1" : "2", unitPrice, "20")));
        return new ProformaContent(base.customerName(), base.customerAddress(), base.customerVatId(), base.issueDate(),
                base.validUntil(), Currency.getInstance(currency), base.status(), base.notes(), base.lines());
    }
}
