package com.countersign.security.ui;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * Who may reach which URL. Next to the login view because it names it by class: then Vaadin's
 * router forwards a signed-out person to the login view in-app (a path would reload the page), and
 * Spring's form login uses the view's route.
 */
@Configuration
@EnableWebSecurity
class WebSecurityConfiguration extends VaadinWebSecurity {

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        // health for load balancers and probes; everything else needs a login
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health/**", "/actuator/health").permitAll());
        super.configure(http);
        setLoginView(http, LoginView.class);
    }
}
