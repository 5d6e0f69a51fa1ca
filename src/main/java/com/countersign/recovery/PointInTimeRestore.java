package com.countersign.recovery;

import com.countersign.proforma.ProformaFilter;
import java.time.Instant;
import java.util.Objects;

/**
 * Back to the state at {@code at}: all proformas, or those matching the filter then or now. Those
 * created after {@code at} are kept unless {@code cancelCreatedAfter}.
 */
public record PointInTimeRestore(Instant at, ProformaFilter filter, boolean cancelCreatedAfter) {

    public PointInTimeRestore {
        Objects.requireNonNull(at, "Choose the point in time");
        filter = filter == null ? ProformaFilter.ALL : filter;
        if (at.isAfter(Instant.now())) {
            throw new IllegalArgumentException("The point in time lies in the future");
        }
    }

    public static PointInTimeRestore all(Instant at) {
        return new PointInTimeRestore(at, ProformaFilter.ALL, false);
    }
}
