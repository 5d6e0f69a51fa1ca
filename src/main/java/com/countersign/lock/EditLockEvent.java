package com.countersign.lock;

import java.time.Instant;

/** One line of the lock's audit trail: who locked or unlocked, when, and why. */
public record EditLockEvent(
        Instant at, String action, EditLockKind kind, String reason, Instant expectedEnd, Long changeSetId,
        String actor, String dbUser, String note) {}
