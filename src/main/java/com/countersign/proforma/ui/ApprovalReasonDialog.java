package com.countersign.proforma.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.List;
import java.util.function.Predicate;

/**
 * A risky edit needs a second pair of eyes. Says why, in the risk policy's words, and asks its
 * author why the change is needed; submitting sends it for approval, cancelling keeps the typing.
 */
class ApprovalReasonDialog extends Dialog {

    final TextArea reason = new TextArea("Why is this change needed?");
    final Button submit = new Button("Submit for approval");
    final Button cancel = new Button("Keep editing");

    /** {@code onSubmit} gets the reason and answers whether the dialog may close. */
    ApprovalReasonDialog(String number, List<String> risks, Predicate<String> onSubmit) {
        setHeaderTitle("This change to " + number + " needs approval");
        add(new Paragraph("Nothing has been saved. A reviewer approves or rejects the change; "
                + "it is applied only if nobody saves this proforma in the meantime. It needs approval because it:"));
        UnorderedList why = new UnorderedList();
        risks.forEach(r -> why.add(new ListItem(r)));
        add(why);
        reason.setRequiredIndicatorVisible(true);
        reason.setWidthFull();
        reason.setMinHeight("6em");
        reason.setHelperText("The reviewer sees this next to the change. Ctrl+Enter submits.");
        add(reason);
        setWidth("36em");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Say why, so the reviewer can decide");
                reason.focus();
                return;
            }
            if (onSubmit.test(reason.getValue().strip())) {
                close();
            }
        });
        submit.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        cancel.addClickListener(e -> close());
        getFooter().add(cancel, submit);
        setCloseOnOutsideClick(false);
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                reason.focus();
            }
        });
    }
}
