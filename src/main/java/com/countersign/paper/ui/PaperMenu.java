package com.countersign.paper.ui;

import com.countersign.base.ui.MenuEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PaperMenu {

    @Bean
    MenuEntry paperFormsMenuEntry() {
        return new MenuEntry("Paper forms", PaperFormsView.class, VaadinIcon.PRINT, 60);
    }

    @Bean
    MenuEntry paperRegisterMenuEntry() {
        return new MenuEntry("Paper form register", PaperRegisterView.class, VaadinIcon.RECORDS, 65);
    }
}
