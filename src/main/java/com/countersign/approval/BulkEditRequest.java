package com.countersign.approval;

import com.countersign.proforma.ProformaFilter;
import java.util.Objects;
import java.util.Set;

/**
 * A bulk edit as the requester asked for it: either the proformas picked in the list, or all that
 * match a filter at preview time (the preview pins them, with their versions).
 */
public record BulkEditRequest(Set<Long> ids, ProformaFilter filter, BulkOperation operation, String value) {

    public BulkEditRequest {
        Objects.requireNonNull(operation, "Choose an operation");
        if (!operation.offeredInBulk()) {
            throw new IllegalArgumentException(operation.label() + " is not a bulk operation");
        }
        if ((ids == null) == (filter == null)) {
            throw new IllegalArgumentException("Select proformas either one by one or by a filter");
        }
        if (ids != null && ids.isEmpty()) {
            throw new IllegalArgumentException("Select at least one proforma");
        }
        ids = ids == null ? null : Set.copyOf(ids);
        value = value == null ? null : value.strip();
    }

    public static BulkEditRequest of(Set<Long> ids, BulkOperation operation, String value) {
        return new BulkEditRequest(ids, null, operation, value);
    }

    public static BulkEditRequest matching(ProformaFilter filter, BulkOperation operation, String value) {
        return new BulkEditRequest(null, filter, operation, value);
    }
}
