package com.countersign.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Method security for the services ({@code @PreAuthorize}), how passwords are hashed and checked
 * (behind the sign-in throttle); the web side is in {@code ui}. JSR-250 stays off: the views'
 * {@code @RolesAllowed}/{@code @PermitAll} are for Vaadin's navigation check, and with it on Spring
 * wrapped every view in a CGLIB proxy that checked roles on each public method, even when Vaadin
 * itself calls them without a signed-in user.
 */
@Configuration
@EnableMethodSecurity
@EnableConfigurationProperties(SignInPolicy.class)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    AuthenticationProvider signInDoor(DatabaseUserDetailsService users, PasswordEncoder encoder,
            SignInThrottle throttle) {
        return new SignInDoor(users, encoder, throttle);
    }
}
