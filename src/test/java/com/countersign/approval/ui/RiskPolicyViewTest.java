package com.countersign.approval.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.support.KaribuTest;
import com.countersign.approval.RiskPolicy;
import com.countersign.approval.RiskPolicySettings;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.countersign.support.Ui;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CountersignTest
class RiskPolicyViewTest extends KaribuTest {

    @Autowired RiskPolicy policy;
    @Autowired DatabaseRoles roles;

    @Test
    void an_admin_changes_the_threshold_with_a_reason_and_sees_the_change_in_the_audit() {
        login("admin", "ADMIN");
        RiskPolicySettings original = policy.current();
        UI.getCurrent().navigate(RiskPolicyView.class);
        RiskPolicyView view = _get(RiskPolicyView.class);

        view.threshold.setValue(new BigDecimal("2500"));
        view.reason.setValue("fewer reviews for small corrections");
        _click(_get(Button.class, spec -> spec.withText("Save")));

        assertThat(policy.current().grossChangeThreshold()).isEqualByComparingTo("2500");
        assertThat(GridKt._get(view.audit, 0).reason()).isEqualTo("fewer reviews for small corrections");
        policy.update(original, "restore after test");
    }

    @Test
    void an_admin_sets_an_exchange_rate_and_a_missing_source_is_refused_with_nothing_saved() {
        login("admin", "ADMIN");
        UI.getCurrent().navigate(RiskPolicyView.class);
        RiskPolicyView view = _get(RiskPolicyView.class);
        view.rateCurrency.setValue("CZK");
        view.rate.setValue(new BigDecimal("0.04"));
        view.rateAsOf.setValue(LocalDate.of(2026, 12, 1));

        _click(_get(Button.class, spec -> spec.withText("Save rate")));
        assertThat(Ui.notificationTexts()).contains("Say where the rate comes from");
        assertThat(policy.rates()).isEmpty();

        view.rateSource.setValue("ECB reference rate");
        _click(_get(Button.class, spec -> spec.withText("Save rate")));

        assertThat(GridKt._getFormattedRow(view.rates, 0)).contains("CZK", "1 CZK = 0.04 EUR", "admin");
        roles.ownerSql().sql("delete from currency_rate").update(); // rates are never deleted by the portal
    }

    @Test
    void a_reviewer_cannot_open_the_risk_policy() {
        login("reviewer", "REVIEWER");
        UI.getCurrent().navigate(RiskPolicyView.class);
        assertThatThrownBy(() -> _get(RiskPolicyView.class)).isInstanceOf(AssertionError.class);
    }
}
