package com.countersign.lock;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import kotlin.jvm.functions.Function0;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A browserless Vaadin UI (Karibu-Testing) on the shared application context, signed in the way
 * both Spring Security (services) and Vaadin's view access control (request principal) see it.
 */
public final class SignedInUi {

    private static Routes routes;

    private SignedInUi() {}

    public static void start(ApplicationContext context, String username, String... roles) {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("com.countersign");
        }
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, context, uiFactory));
        var auth = new UsernamePasswordAuthenticationToken(username, "n/a",
                Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
        SecurityContextHolder.getContext().setAuthentication(auth);
        Set<String> held = Arrays.stream(roles).collect(Collectors.toSet());
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) -> held.contains(role));
    }

    public static void stop() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }
}
