package com.countersign.base.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Work a view repeats off the UI thread while it is attached, as the person who opened it (the
 * services check roles), and hands to the UI with {@code ui.access} (Application has @Push). A round
 * that fails is left to the next one; the view's Refresh button is always there.
 */
public final class SignedInRounds {

    private SignedInRounds() {}

    /** Every {@code seconds}, the first after one interval; shut it down when the view detaches. */
    public static ScheduledExecutorService every(int seconds, String threadName, Authentication person, Runnable round) {
        ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(() -> {
            SecurityContextHolder.getContext().setAuthentication(person);
            try {
                round.run();
            } catch (RuntimeException e) {
                // the next round tries again
            } finally {
                SecurityContextHolder.clearContext();
            }
        }, seconds, seconds, TimeUnit.SECONDS);
        return rounds;
    }
}
