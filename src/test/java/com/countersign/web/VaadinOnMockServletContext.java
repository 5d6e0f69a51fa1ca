package com.countersign.web;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.server.Mode;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationConfiguration;
import jakarta.servlet.ServletContext;

/**
 * In Spring's mock web environment no servlet container runs Vaadin's initializers, yet Vaadin's
 * security request matchers ask for its application configuration on every request (to look for
 * client-side routes). A production-mode stand-in answers them; it has no routes, which is what a
 * Flow-only application has.
 */
final class VaadinOnMockServletContext {

    private VaadinOnMockServletContext() {}

    static void prepare(ServletContext servletContext) {
        VaadinServletContext context = new VaadinServletContext(servletContext);
        if (context.getAttribute(ApplicationConfiguration.class) != null) {
            return;
        }
        ApplicationConfiguration configuration = mock(ApplicationConfiguration.class);
        when(configuration.getMode()).thenReturn(Mode.PRODUCTION_PRECOMPILED_BUNDLE);
        when(configuration.isProductionMode()).thenReturn(true);
        when(configuration.getContext()).thenReturn(context);
        context.setAttribute(ApplicationConfiguration.class, configuration);
    }
}
