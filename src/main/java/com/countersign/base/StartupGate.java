package com.countersign.base;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The portal opens its door when it is ready, not when Tomcat listens. Tomcat accepts connections
 * before the start-up work is done (demo users, the bootstrap admin, sample proformas), so a sign-in
 * in those seconds failed with "wrong user name or password" for a user that was about to exist.
 * Until Spring Boot reports the application ready to take traffic, every page answers 503 "starting"
 * with a Retry-After and a page that reloads itself; the health endpoint answers as always. When it
 * is ready, the log says where.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupGate extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StartupGate.class);
    private static final String STARTING_PAGE = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
            <title>Countersign is starting</title></head><body style="font-family: sans-serif; margin: 3em">
            <h1>Countersign is starting</h1><p>The portal is getting ready and will be here in a few seconds.
            This page reloads by itself.</p></body></html>
            """;

    private final ApplicationAvailability availability;

    StartupGate(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "3");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(STARTING_PAGE.getBytes(StandardCharsets.UTF_8));
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            log.info("Countersign is ready at http://localhost:{}/", web.getWebServer().getPort());
        }
    }
}
