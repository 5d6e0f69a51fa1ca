package com.countersign.breaker;

import java.time.Duration;

/** At most {@code limit} distinct proformas per actor within {@code window} without a change set. */
public record BreakerSettings(int limit, Duration window) {

    public String describe() {
        return limit + " proformas in " + words(window);
    }

    static String words(Duration d) {
        if (d.toSeconds() < 60) {
            return d.toSeconds() + " s";
        }
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
}
