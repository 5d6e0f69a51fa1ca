package com.countersign.approval;

import java.time.Instant;

public record Notification(long changeSetId, String message, Instant createdAt) {}
