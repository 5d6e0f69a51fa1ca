package com.countersign.security.ui;

import com.countersign.security.Role;
import com.countersign.security.UserSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Create a user, or edit an existing one's name and roles. */
class UserDialog extends Dialog {

    record Values(String username, String displayName, Set<Role> roles, String password) {}

    final TextField username = new TextField("Username");
    final TextField displayName = new TextField("Name");
    final CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles");
    final PasswordField password = new PasswordField("Initial password");
    final Button save = new Button("Save");

    UserDialog(UserSummary existing, String passwordHint, Predicate<Supplier<String>> runner,
            Function<Values, String> action) {
        setHeaderTitle(existing == null ? "New user" : "Edit " + existing.username());
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(r -> r.name() + " — " + r.description());
        password.setHelperText(passwordHint);
        FormLayout form = new FormLayout(username, displayName, roles);
        if (existing == null) {
            form.add(password);
        } else {
            username.setValue(existing.username());
            username.setReadOnly(true);
            displayName.setValue(existing.displayName());
            roles.setValue(existing.roles());
        }
        add(form);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            Values values = new Values(username.getValue(), displayName.getValue(),
                    roles.getValue().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles.getValue()),
                    password.getValue());
            if (values.roles().isEmpty()) {
                roles.setErrorMessage("Pick at least one role");
                roles.setInvalid(true);
                return;
            }
            if (runner.test(() -> action.apply(values))) {
                close();
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
