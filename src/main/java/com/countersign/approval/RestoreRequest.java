package com.countersign.approval;

import java.util.List;
import java.util.Objects;

/**
 * A restore as the recovery feature prepares it: what it is about, and how to stage what it changes
 * into {@code change_set_restore(_line)} for the new change set (see {@link RestoreSql}: a header row
 * per proforma deleted, re-created or given header fields back, a row per line inserted, updated or
 * deleted, with the line as it is now).
 */
public record RestoreRequest(String selection, String parametersJson, Staging staging) {

    /** The header columns a staged {@code change_set_restore} row carries, as {@code proforma} names them. */
    public static final List<String> HEADER_FIELDS = List.of("customer_name", "customer_address", "customer_vat_id",
            "issue_date", "valid_until", "currency", "status", "notes", "source");

    /** The {@code previewed_version} of a staged proforma that does not exist now and is re-created. */
    public static final int ABSENT = -1;

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
