package com.countersign.support;

import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.github.mvysny.fakeservlet.FakeRequest;
import java.security.Principal;
import java.util.Arrays;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

/**
 * A fake HTTP request whose user is whoever is signed in on this thread right now (roles arrive
 * without ROLE_), which is what Vaadin's view access control reads.
 */
public final class SignedInRequest extends FakeRequest {

    public SignedInRequest(FakeHttpSession session) {
        super(session);
    }

    /** The security context after a form login: a UserDetails principal with ROLE_ authorities. */
    public static SecurityContext contextOf(String username, String... roles) {
        var authorities = AuthorityUtils.createAuthorityList(
                Arrays.stream(roles).map(r -> "ROLE_" + r).toArray(String[]::new));
        User user = new User(username, "n/a", authorities);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        return context;
    }

    @Override
    public Principal getUserPrincipal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated() ? null : auth;
    }

    @Override
    public String getRemoteUser() {
        Principal principal = getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return getUserPrincipal() instanceof Authentication auth
                && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }
}
