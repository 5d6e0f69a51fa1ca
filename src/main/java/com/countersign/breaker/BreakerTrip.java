package com.countersign.breaker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One actor (a database role and the person the portal named) changed {@code proformas} distinct
 * proformas within the window without an approved change set, and is refused until a manager resets it.
 */
public record BreakerTrip(long id, String dbUser, String actor, Instant trippedAt, int proformas, int limit,
        Duration window, long firstProformaId, Instant firstAt, long lastProformaId, Instant resetAt, String resetBy,
        String resetReason) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    public boolean open() {
        return resetAt == null;
    }

    /** "staff (database role countersign)", or the role alone when no person was named. */
    public String who() {
        return actor.equals(dbUser) ? "database role " + dbUser : actor + " (database role " + dbUser + ")";
    }

    public String summary() {
        return who() + " changed " + proformas + " proformas in " + BreakerSettings.words(
                Duration.between(firstAt, trippedAt)) + " (proforma " + firstProformaId + " first, " + lastProformaId
                + " last) and tripped the breaker at " + WHEN.format(trippedAt);
    }
}
