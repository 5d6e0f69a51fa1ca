package com.countersign.base;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Editing is locked: what kind of lock, why, since when, by whom and until about when. */
public record WriteBlock(String kind, String reason, Instant since, String by, Instant expectedEnd) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    public String message() {
        String what = "DEPLOYMENT".equals(kind) ? "for a deployment" : "because of an incident";
        return "Editing is locked " + what + " since " + WHEN.format(since) + " by " + by + ": " + reason
                + (expectedEnd == null ? "" : " (expected to end " + WHEN.format(expectedEnd) + ")")
                + ". Proformas can be viewed and printed, not changed.";
    }
}
