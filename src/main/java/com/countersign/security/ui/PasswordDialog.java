package com.countersign.security.ui;

import com.countersign.security.UserSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.PasswordField;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Sets a new password; the old one is never shown, and neither is the new one once set. */
class PasswordDialog extends Dialog {

    final PasswordField password = new PasswordField("New password");
    final PasswordField repeat = new PasswordField("Repeat the new password");

    PasswordDialog(UserSummary user, String passwordHint, Predicate<Supplier<String>> runner,
            Function<String, String> action) {
        setHeaderTitle("Reset the password of " + user.username());
        password.setHelperText(passwordHint);
        add(password, repeat);
        Button save = new Button("Set password", e -> {
            if (!password.getValue().equals(repeat.getValue())) {
                repeat.setErrorMessage("The two passwords differ");
                repeat.setInvalid(true);
                return;
            }
            if (runner.test(() -> action.apply(password.getValue()))) {
                close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
