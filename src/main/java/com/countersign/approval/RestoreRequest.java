package com.countersign.approval;

import java.util.Objects;

/**
 * A restore as the recovery feature prepares it: what it is about, and how to stage what it changes
 * into {@code change_set_restore(_line)} for the new change set (see {@link RestoreSql}: a header row
 * per proforma deleted, re-created or given header fields back, a row per line inserted, updated or
 * deleted, with the line as it is now).
 */
public record RestoreRequest(String selection, String parametersJson, Staging staging) {

    public RestoreRequest {
        Objects.requireNonNull(selection, "Describe what is restored");
        Objects.requireNonNull(staging, "Stage the state to restore");
    }

    @FunctionalInterface
    public interface Staging {
        /** Fills the staging tables for the given (new, DRAFT) change set, inside the caller's transaction. */
        void stage(long changeSetId);
    }
}
