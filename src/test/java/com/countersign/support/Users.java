package com.countersign.support;

import java.util.Arrays;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Acting as someone in service-level tests: the service checks roles exactly as in production. */
public final class Users {

    private Users() {}

    public static void actAs(String username, String... roles) {
        var authorities = Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(username, "n/a", authorities));
    }

    public static void anonymous() {
        SecurityContextHolder.clearContext();
    }
}
