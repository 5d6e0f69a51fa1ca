package com.countersign.security.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF for the sign-in POST. VaadinWebSecurity exempts the login path from Spring's CSRF check, so a
 * foreign page could sign a victim in as the attacker (login CSRF). Vaadin's login form sends the
 * token on its own when the page carries it: the index page gets {@code _csrf} meta tags from the
 * request attribute Spring's CsrfFilter sets, and the form copies them into a hidden field. This
 * filter runs after the CsrfFilter and checks that field the way it would.
 */
class LoginCsrfCheck extends OncePerRequestFilter {

    private final RequestMatcher loginPost;
    private final CsrfTokenRequestHandler tokens = new XorCsrfTokenRequestAttributeHandler();

    LoginCsrfCheck(RequestMatcher loginPost) {
        this.loginPost = loginPost;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (loginPost.matches(request) && !carriesTheToken(request)) {
            // refused like any failed sign-in: back to a fresh login page (with a fresh token, so a page
            // left open past the session's end only costs one retry)
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean carriesTheToken(HttpServletRequest request) {
        // the raw token the CsrfFilter loaded for this session (the CsrfToken attribute is the masked one)
        if (!(request.getAttribute(DeferredCsrfToken.class.getName()) instanceof DeferredCsrfToken deferred)) {
            return false;
        }
        CsrfToken expected = deferred.get();
        String actual = tokens.resolveCsrfTokenValue(request, expected);
        return actual != null && MessageDigest.isEqual(expected.getToken().getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}
