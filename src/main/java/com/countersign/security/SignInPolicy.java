package com.countersign.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the sign-in door slows down guessing ({@code countersign.sign-in.*}). After {@code delayAfter}
 * failures the next attempt waits {@code firstDelay}, doubling with every further failure up to
 * {@code maxDelay}; an attempt made while waiting is refused unchecked and counts as a failure. After
 * {@code lockAfter} failures the account (or address) is locked for {@code lockFor}. Failures older
 * than {@code forgetAfter} no longer count. An address gets more room than an account: a whole
 * office may sign in through one.
 */
@ConfigurationProperties("countersign.sign-in")
public record SignInPolicy(Limits account, Limits address, Duration firstDelay, Duration maxDelay,
        Duration forgetAfter) {

    public record Limits(int delayAfter, int lockAfter, Duration lockFor) {}

    /** How long the next attempt waits after this many failures, before any lock. */
    Duration delayAfter(Limits limits, int failures) {
        if (failures < limits.delayAfter()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - limits.delayAfter(), 20);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
