package com.countersign.security.ui;

import com.countersign.security.PasswordChange;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Whoever signed in with a reset password is sent to {@link ChangePasswordView} from every other
 * view. The server refuses them anyway (they hold no role until they change it); this is the way out.
 */
@Component
class TemporaryPasswordGate implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(enter -> {
            Class<?> target = enter.getNavigationTarget();
            if (target != ChangePasswordView.class && target != LoginView.class
                    && PasswordChange.isRequired(SecurityContextHolder.getContext().getAuthentication())) {
                enter.rerouteTo(ChangePasswordView.class);
            }
        }));
    }
}
