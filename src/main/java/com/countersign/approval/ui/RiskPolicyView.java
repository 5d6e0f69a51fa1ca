package com.countersign.approval.ui;

import com.countersign.approval.CurrencyRate;
import com.countersign.approval.RiskPolicy;
import com.countersign.approval.RiskPolicyChange;
import com.countersign.approval.RiskPolicySettings;
import com.countersign.proforma.ProformaCurrencies;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The ADMIN's risk policy: thresholds, and who changed them when and why. */
@Route("approvals/policy")
@PageTitle("Risk policy · Countersign")
@RolesAllowed("ADMIN")
public class RiskPolicyView extends VerticalLayout {

    final BigDecimalField threshold = new BigDecimalField("Gross change above which a single edit is risky");
    final IntegerField highTierProformas = new IntegerField("Two approvers above this many proformas");
    final BigDecimalField highTierTotal = new BigDecimalField("Two approvers above this total gross value");
    final TextField reason = new TextField("Why the change");
    final Grid<RiskPolicyChange> audit = new Grid<>(RiskPolicyChange.class, false);
    final Grid<CurrencyRate> rates = new Grid<>(CurrencyRate.class, false);
    final ComboBox<String> rateCurrency = new ComboBox<>("Currency");
    final BigDecimalField rate = new BigDecimalField();
    final DatePicker rateAsOf = new DatePicker("Published on");
    final TextField rateSource = new TextField("Source (required)");

    private final transient RiskPolicy policy;

    public RiskPolicyView(RiskPolicy policy) {
        this.policy = policy;
        String own = policy.policyCurrency();
        threshold.setSuffixComponent(new Span(own));
        highTierTotal.setSuffixComponent(new Span(own));
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reason.setWidth("30em");
        HorizontalLayout fields = new HorizontalLayout(threshold, highTierProformas, highTierTotal);
        fields.setWrap(true);
        HorizontalLayout saving = new HorizontalLayout(reason, save);
        saving.setAlignItems(FlexComponent.Alignment.BASELINE);
        audit.addColumn(c -> MyRequestsView.WHEN.format(c.changedAt())).setHeader("When").setAutoWidth(true);
        audit.addColumn(RiskPolicyChange::changedBy).setHeader("Who").setAutoWidth(true);
        audit.addColumn(RiskPolicyChange::reason).setHeader("Why").setFlexGrow(1);
        audit.addColumn(RiskPolicyChange::before).setHeader("Before").setFlexGrow(1);
        audit.addColumn(RiskPolicyChange::after).setHeader("After").setFlexGrow(1);
        rates.addColumn(CurrencyRate::currency).setHeader("Currency").setAutoWidth(true);
        rates.addColumn(r -> "1 " + r.currency() + " = " + r.rate().stripTrailingZeros().toPlainString() + " " + own)
                .setHeader("Rate").setAutoWidth(true);
        rates.addColumn(CurrencyRate::asOf).setHeader("Published on").setAutoWidth(true);
        rates.addColumn(CurrencyRate::setBy).setHeader("Set by").setAutoWidth(true);
        rates.setAllRowsVisible(true);
        rateCurrency.setItems(ProformaCurrencies.CODES.stream().filter(c -> !c.equals(own)).toList());
        rate.setLabel("What one unit is worth in " + own);
        Button saveRate = new Button("Save rate", e -> saveRate());
        HorizontalLayout rateForm = new HorizontalLayout(rateCurrency, rate, rateAsOf, rateSource, saveRate);
        rateForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        rateForm.setWrap(true);
        add(new H2("Risk policy"), new Paragraph("Always risky: more than one proforma, any delete, a status change "
                + "of an ISSUED or ACCEPTED proforma. Amounts are in " + own + "; amounts in other currencies are "
                + "converted with the rates below, never added as they are. A change in a currency without a rate "
                + "needs two approvers."), fields, saving,
                new H3("Exchange rates"), rates, rateForm, new H3("Changes"), audit);
        load();
    }

    private void load() {
        RiskPolicySettings current = policy.current();
        threshold.setValue(current.grossChangeThreshold());
        highTierProformas.setValue(current.highTierProformas());
        highTierTotal.setValue(current.highTierTotalValue());
        reason.clear();
        audit.setItems(policy.history());
        rates.setItems(policy.rates());
    }

    private void saveRate() {
        try {
            CurrencyRate saved = policy.setRate(rateCurrency.getValue(), rate.getValue(), rateAsOf.getValue(),
                    rateSource.getValue());
            Notification.show("Rate for " + saved.currency() + " saved.").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            rateCurrency.clear();
            rate.clear();
            rateAsOf.clear();
            rateSource.clear();
            load();
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void save() {
        try {
            policy.update(new RiskPolicySettings(threshold.getValue(),
                    highTierProformas.getValue() == null ? 0 : highTierProformas.getValue(), highTierTotal.getValue()),
                    reason.getValue());
            Notification.show("Risk policy saved.").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            load();
        } catch (IllegalArgumentException | NullPointerException e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
