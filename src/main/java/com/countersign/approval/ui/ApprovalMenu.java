package com.countersign.approval.ui;

import com.countersign.base.ui.MenuEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApprovalMenu {

    @Bean
    MenuEntry myRequestsMenuEntry() {
        return new MenuEntry("My requests", MyRequestsView.class, VaadinIcon.PAPERPLANE, 20);
    }

    @Bean
    MenuEntry reviewInboxMenuEntry() {
        return new MenuEntry("Review inbox", ReviewInboxView.class, VaadinIcon.INBOX, 21);
    }

    @Bean
    MenuEntry riskPolicyMenuEntry() {
        return new MenuEntry("Risk policy", RiskPolicyView.class, VaadinIcon.SCALE, 85);
    }
}
