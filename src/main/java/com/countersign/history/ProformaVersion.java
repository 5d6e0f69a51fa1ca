package com.countersign.history;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaSource;
import java.time.Instant;

/** A proforma as it was at one moment, with who made that version and why. */
public record ProformaVersion(
        long proformaId,
        String number,
        ProformaSource source,
        ProformaContent content,
        int version,
        Instant validFrom,
        String actor,
        String reason,
        Long changeSetId,
        Instant createdAt,
        String createdBy) {}
