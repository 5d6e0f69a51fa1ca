package com.countersign.approval;

import java.time.Instant;

public record Decision(String step, String decidedBy, Instant decidedAt, boolean approved, String comment) {}
