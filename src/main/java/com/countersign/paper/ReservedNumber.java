package com.countersign.paper;

import java.time.Instant;

/** One line of the paper form register: a reserved number and, once entered, its proforma. */
public record ReservedNumber(
        String number, long batchId, String reservedBy, Instant reservedAt, Long proformaId, String enteredBy,
        Instant enteredAt) {

    public boolean entered() {
        return proformaId != null;
    }
}
