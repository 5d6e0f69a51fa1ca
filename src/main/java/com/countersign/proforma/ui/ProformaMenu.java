package com.countersign.proforma.ui;

import com.countersign.base.ui.MenuEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProformaMenu {

    @Bean
    MenuEntry proformasMenuEntry() {
        return new MenuEntry("Proformas", ProformaListView.class, VaadinIcon.FILE_TEXT_O, 10);
    }
}
