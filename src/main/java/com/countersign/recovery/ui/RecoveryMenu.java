package com.countersign.recovery.ui;

import com.countersign.base.ui.MenuEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecoveryMenu {

    @Bean
    MenuEntry recoveryMenuEntry() {
        return new MenuEntry("Recovery", RecoveryView.class, VaadinIcon.TIME_BACKWARD, 82);
    }
}
