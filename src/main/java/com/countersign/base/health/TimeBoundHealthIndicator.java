package com.countersign.base.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health check that answers within a time limit. With PostgreSQL gone, the database and Flowable
 * checks each wait for a pooled connection until Hikari gives up (30 s), far past a load balancer's
 * patience; this one says DOWN at the limit instead. The check left waiting is not started again
 * while it still runs, so probes every few seconds do not pile up threads.
 */
public final class TimeBoundHealthIndicator implements HealthIndicator {

    private final HealthIndicator check;
    private final Duration limit;
    private final Executor executor;
    private final AtomicReference<CompletableFuture<Health>> running = new AtomicReference<>();

    public TimeBoundHealthIndicator(HealthIndicator check, Duration limit, Executor executor) {
        this.check = check;
        this.limit = limit;
        this.executor = executor;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> current = running.get();
        if (current == null || current.isDone()) {
            current = CompletableFuture.supplyAsync(check::health, executor);
            running.set(current);
        }
        try {
            return current.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("reason", "no answer within " + limit.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause() instanceof Exception cause ? cause : e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("reason", "interrupted").build();
        }
    }
}
