package com.countersign.lock.ui;

import com.countersign.base.ui.MenuEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LockMenu {

    @Bean
    MenuEntry editLockMenuEntry() {
        return new MenuEntry("Editing lock", EditLockView.class, VaadinIcon.LOCK, 80);
    }
}
