package com.countersign.proforma;

import java.time.Instant;

/** A proforma as it was at some earlier time, to be written back as its newest version. */
public record RestoreTarget(
        long id, String number, ProformaSource source, ProformaContent content, Instant createdAt, String createdBy) {}
