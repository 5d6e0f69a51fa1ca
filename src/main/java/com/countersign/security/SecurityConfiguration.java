package com.countersign.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Method security for the services ({@code @PreAuthorize}) and how passwords are hashed; the web
 * side is in {@code ui}. JSR-250 stays off: the views' {@code @RolesAllowed}/{@code @PermitAll} are
 * for Vaadin's navigation check, and with it on Spring wrapped every view in a CGLIB proxy that
 * checked roles on each public method, even when Vaadin itself calls them without a signed-in user.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
