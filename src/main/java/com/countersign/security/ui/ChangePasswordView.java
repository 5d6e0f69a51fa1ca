package com.countersign.security.ui;

import com.countersign.security.PasswordChange;
import com.countersign.security.PasswordPolicy;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * Choose a new password. Everyone lands here right after signing in with a password an ADMIN reset,
 * and can go nowhere else; afterwards they sign in again with the new one.
 */
@Route(value = "password", autoLayout = false)
@PageTitle("Choose a new password · Countersign")
@PermitAll
public class ChangePasswordView extends VerticalLayout {

    final PasswordField current = new PasswordField("Current password");
    final PasswordField chosen = new PasswordField("New password");
    final PasswordField repeat = new PasswordField("Repeat the new password");
    final Button save = new Button("Set my password");

    public ChangePasswordView(PasswordChange passwords, PasswordPolicy policy, AuthenticationContext authentication) {
        setAlignItems(FlexComponent.Alignment.CENTER);
        chosen.setHelperText(policy.hint());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            if (!chosen.getValue().equals(repeat.getValue())) {
                repeat.setErrorMessage("The two passwords differ");
                repeat.setInvalid(true);
                return;
            }
            try {
                passwords.change(current.getValue(), chosen.getValue());
            } catch (IllegalArgumentException refused) {
                Notification.show(refused.getMessage(), 6000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
                return;
            }
            authentication.logout();
        });
        add(new H2("Choose a new password"),
                new Paragraph("The password you signed in with was set by an administrator and works only once. "
                        + "Choose your own; then sign in again with it."),
                current, chosen, repeat, save);
    }
}
