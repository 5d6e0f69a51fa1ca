package com.countersign.support;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Optional;

/** Small finders for what a person sees, so UI tests read as clicks and typing. */
public final class Ui {

    private Ui() {}

    public static Button button(String text) {
        return _get(Button.class, spec -> spec.withText(text));
    }

    /** Editor line fields carry an accessible name like "Line 1 quantity" instead of a label. */
    public static TextField lineField(int line, String part) {
        String name = "Line " + line + " " + part;
        return _get(TextField.class, spec -> spec.withPredicate(f -> f.getAriaLabel().equals(Optional.of(name))));
    }

    public static List<String> notificationTexts() {
        return NotificationsKt.getNotifications().stream()
                .map(Notification::getElement)
                .map(e -> e.getProperty("text", ""))
                .toList();
    }
}
