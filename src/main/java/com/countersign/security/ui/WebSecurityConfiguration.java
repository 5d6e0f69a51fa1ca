package com.countersign.security.ui;

import com.countersign.security.PasswordChange;
import com.vaadin.flow.spring.security.VaadinSavedRequestAwareAuthenticationSuccessHandler;
import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may reach which URL. Next to the login view because it names it by class: then Vaadin's
 * router forwards a signed-out person to the login view in-app (a path would reload the page), and
 * Spring's form login uses the view's route.
 */
@Configuration
@EnableWebSecurity
class WebSecurityConfiguration extends VaadinWebSecurity {

    private final String contentSecurityPolicy;

    WebSecurityConfiguration(@Value("${countersign.content-security-policy}") String contentSecurityPolicy) {
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        // health for load balancers and probes (details only for ADMINs, see application.properties);
        // everything else needs a login
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health/**", "/actuator/health").permitAll());
        super.configure(http);
        setLoginView(http, LoginView.class);
        // a reset password signs in to choose a new one: straight to that view, not to a saved request
        AuthenticationSuccessHandler vaadinLanding =
                http.getSharedObject(VaadinSavedRequestAwareAuthenticationSuccessHandler.class);
        String choosePassword = applyUrlMapping("/password");
        http.formLogin(form -> form.successHandler((request, response, authentication) -> {
            if (PasswordChange.isRequired(authentication)) {
                response.sendRedirect(request.getContextPath() + choosePassword);
            } else {
                vaadinLanding.onAuthenticationSuccess(request, response, authentication);
            }
        }));
        http.addFilterAfter(new LoginCsrfCheck(PathPatternRequestMatcher.withDefaults()
                .matcher(HttpMethod.POST, applyUrlMapping("/login"))), CsrfFilter.class);
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    }
}
