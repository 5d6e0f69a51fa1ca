package com.countersign.recovery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the integrity check when the portal has started and then on a schedule
 * ({@code countersign.integrity.check-every}, an ISO-8601 duration; PT0S: at start only), off the
 * request threads. A check that finds writes without a trace says so in the log at WARN, with where
 * to look; managers see them in the Recovery view.
 */
@Component
class IntegrityWatch implements DisposableBean {

    static final String SYSTEM = "system";
    private static final Logger log = LoggerFactory.getLogger(IntegrityWatch.class);

    private final IntegrityChecks checks;
    private final Duration every;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "countersign-integrity-check");
        thread.setDaemon(true);
        return thread;
    });

    IntegrityWatch(IntegrityChecks checks, @Value("${countersign.integrity.check-every:PT1H}") Duration every) {
        this.checks = checks;
        this.every = every;
    }

    @EventListener
    void started(ApplicationReadyEvent event) {
        scheduler.execute(() -> check("START"));
        if (!every.isZero() && !every.isNegative()) {
            scheduler.scheduleWithFixedDelay(() -> check("SCHEDULE"), every.toSeconds(), every.toSeconds(), TimeUnit.SECONDS);
        }
    }

    void check(String cause) {
        try {
            long id = checks.run(cause, SYSTEM);
            IntegrityReport report = checks.latest();
            if (report.checkId() != null && report.checkId() == id && report.findings() > 0) {
                log.warn("Integrity check {}: {} proformas were changed without a trace in history (first: {}); "
                        + "see Recovery, 'Changed without a trace'", id, report.findings(),
                        report.changes().isEmpty() ? "-" : report.changes().get(0).number());
            } else {
                log.info("Integrity check {}: {} proformas match their history", id, report.proformasChecked());
            }
        } catch (RuntimeException e) {
            log.error("Integrity check ({}) could not run: {}", cause, e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
