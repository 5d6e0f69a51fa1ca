package com.countersign.approval.ui;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetDraft;
import com.countersign.proforma.ProformaFilter;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.Set;

/**
 * Bulk edit: choose an operation, preview exactly what changes (counts and a paged before/after
 * diff computed in the database), then submit for approval with a reason. Nothing changes here.
 */
public class BulkEditDialog extends Dialog {

    final ComboBox<BulkOperation> operation = new ComboBox<>("Operation");
    final TextField value = new TextField("Value");
    final Button preview = new Button("Preview");
    final Span counts = new Span();
    final Paragraph risk = new Paragraph();
    final PreviewGrid diff;
    final TextArea reason = new TextArea("Why is this change needed?");
    final Button submit = new Button("Submit for approval");

    private final transient ApprovalService approvals;
    private final Set<Long> ids;
    private final ProformaFilter filter;
    private final Runnable afterSubmit;
    private ChangeSetDraft draft;

    public BulkEditDialog(ApprovalService approvals, Set<Long> ids, ProformaFilter filter, int matching,
            Runnable afterSubmit) {
        this.approvals = approvals;
        this.ids = ids.isEmpty() ? null : Set.copyOf(ids);
        this.filter = ids.isEmpty() ? filter : null;
        this.afterSubmit = afterSubmit;
        this.diff = new PreviewGrid(approvals);
        setHeaderTitle("Bulk edit of " + (ids.isEmpty() ? "all " + matching + " proformas matching the filter"
                : ids.size() + " picked proforma(s)"));
        setWidth("min(1000px, 95vw)");
        operation.setItems(Arrays.stream(BulkOperation.values()).filter(BulkOperation::offeredInBulk).toList());
        operation.setItemLabelGenerator(BulkOperation::label);
        operation.addValueChangeListener(e -> operationChosen());
        value.setWidth("20em");
        preview.addClickListener(e -> preview());
        HorizontalLayout choose = new HorizontalLayout(operation, value, preview);
        choose.setAlignItems(FlexComponent.Alignment.BASELINE);
        reason.setWidthFull();
        reason.setRequired(true);
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> submit());
        Button cancel = new Button("Cancel", e -> cancel());
        getFooter().add(cancel, submit);
        add(new VerticalLayout(choose, counts, risk, diff, reason));
        // Esc or a click outside must not leave an orphaned DRAFT behind
        addDialogCloseActionListener(e -> cancel());
        showDraft(null);
    }

    private void operationChosen() {
        BulkOperation chosen = operation.getValue();
        value.setVisible(chosen != null && chosen.valueLabel() != null);
        value.setLabel(chosen == null || chosen.valueLabel() == null ? "Value" : chosen.valueLabel());
        discardDraft();
    }

    private void preview() {
        discardDraft();
        try {
            BulkEditRequest request = new BulkEditRequest(ids, filter, operation.getValue(), value.getValue());
            showDraft(approvals.preview(request));
        } catch (IllegalArgumentException | NullPointerException e) {
            show(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private void showDraft(ChangeSetDraft shown) {
        draft = shown;
        boolean ready = shown != null;
        counts.setVisible(ready);
        risk.setVisible(ready);
        diff.setVisible(ready);
        reason.setVisible(ready);
        submit.setEnabled(ready);
        if (ready) {
            counts.setText(shown.proformaCount() + " proformas and " + shown.lineCount() + " lines affected; "
                    + shown.previewRows() + " changed fields");
            risk.setText("Approval: " + shown.riskTier().label() + (shown.riskReasons().isEmpty() ? ""
                    : " — " + String.join("; ", shown.riskReasons())));
            diff.show(shown.id());
        }
    }

    private void submit() {
        if (draft == null) {
            return;
        }
        if (reason.getValue().isBlank()) {
            reason.setInvalid(true);
            reason.setErrorMessage("A reason is required");
            return;
        }
        approvals.submit(draft.id(), reason.getValue());
        show("Change set " + draft.id() + " submitted for approval; follow it in My requests.",
                NotificationVariant.LUMO_SUCCESS);
        draft = null;
        close();
        afterSubmit.run();
    }

    private void cancel() {
        discardDraft();
        close();
    }

    private void discardDraft() {
        if (draft != null) {
            approvals.discard(draft.id());
            showDraft(null);
        }
    }

    private static void show(String text, NotificationVariant variant) {
        Notification.show(text, 5000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }
}
