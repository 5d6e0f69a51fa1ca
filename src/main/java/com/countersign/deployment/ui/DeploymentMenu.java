package com.countersign.deployment.ui;

import com.countersign.base.ui.MenuEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeploymentMenu {

    @Bean
    MenuEntry deploymentsMenuEntry() {
        return new MenuEntry("Deployments", DeploymentsView.class, VaadinIcon.UPLOAD, 70);
    }
}
