package com.countersign.approval;

import java.util.List;

public record ChangeSetDetail(ChangeSetSummary summary, List<Decision> decisions, List<TimelineEntry> timeline) {}
