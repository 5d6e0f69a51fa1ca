package com.countersign.approval;

import java.time.Instant;

public record TimelineEntry(Instant at, String actor, String what) {}
