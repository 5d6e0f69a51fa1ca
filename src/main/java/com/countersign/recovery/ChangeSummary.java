package com.countersign.recovery;

import java.util.List;

/** What changed between two times: version counts per field, per actor and per change set. */
public record ChangeSummary(List<Count> perField, List<Count> perActor, List<Count> perChangeSet) {

    public record Count(String key, long count) {}
}
