package com.countersign.approval.ui;

import com.countersign.approval.RiskPolicy;
import com.countersign.approval.RiskPolicyChange;
import com.countersign.approval.RiskPolicySettings;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
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

    private final transient RiskPolicy policy;

    public RiskPolicyView(RiskPolicy policy) {
        this.policy = policy;
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
        add(new H2("Risk policy"), new Paragraph("Always risky: more than one proforma, any delete, a status change "
                + "of an ISSUED or ACCEPTED proforma."), fields, saving, new H3("Changes"), audit);
        load();
    }

    private void load() {
        RiskPolicySettings current = policy.current();
        threshold.setValue(current.grossChangeThreshold());
        highTierProformas.setValue(current.highTierProformas());
        highTierTotal.setValue(current.highTierTotalValue());
        reason.clear();
        audit.setItems(policy.history());
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
