package com.countersign.support;

import com.github.mvysny.fakeservlet.FakeServletConfig;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinHelper;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.ServletException;
import kotlin.jvm.functions.Function0;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Many people at once, each in a browser of their own. Karibu keeps the mocked Vaadin session, UI
 * and request in thread-locals, so every thread that calls {@link #open} holds its own session;
 * all of them are served by one Vaadin servlet, as on a real server.
 */
public final class BrowserSessions {

    private static final Function0<UI> NEW_UI = UI::new;
    private static Routes routes;

    private BrowserSessions() {}

    /** A Vaadin servlet over the application's views and beans, initialised once before threads share it. */
    public static synchronized VaadinServlet servlet(ApplicationContext context) {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("com.countersign");
        }
        MockSpringServlet servlet = new MockSpringServlet(routes, context, NEW_UI);
        try {
            servlet.init(new FakeServletConfig(MockVaadinHelper.INSTANCE.createMockContext()));
        } catch (ServletException e) {
            throw new IllegalStateException("The mocked Vaadin servlet did not start", e);
        }
        MockVaadin.setMockRequestFactory(SignedInRequest::new);
        return servlet;
    }

    /** Signs in on this thread and opens a fresh session and UI there, as a new browser would after login. */
    public static VaadinSession open(VaadinServlet servlet, String username, String... roles) {
        SecurityContextHolder.setContext(SignedInRequest.contextOf(username, roles));
        MockVaadin.setup(NEW_UI, servlet);
        return VaadinSession.getCurrent();
    }
}
