package com.countersign.security.ui;

import com.countersign.base.ui.MenuEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecurityMenu {

    @Bean
    MenuEntry usersMenuEntry() {
        return new MenuEntry("Users", UserAdminView.class, VaadinIcon.USERS, 90);
    }

    @Bean
    MenuEntry privilegeRequestsMenuEntry() {
        return new MenuEntry("Privilege requests", PrivilegeRequestView.class, VaadinIcon.USER_CHECK, 92);
    }

    @Bean
    MenuEntry userAuditMenuEntry() {
        return new MenuEntry("User audit", UserAuditView.class, VaadinIcon.CLIPBOARD_USER, 91);
    }
}
