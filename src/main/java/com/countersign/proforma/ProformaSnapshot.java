package com.countersign.proforma;

import java.time.Instant;

/** A stored proforma as the service hands it out: identity, version, audit and content. */
public record ProformaSnapshot(
        long id,
        int version,
        String number,
        ProformaSource source,
        ProformaContent content,
        Totals totals,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    static ProformaSnapshot of(Proforma p) {
        return new ProformaSnapshot(p.id(), p.version(), p.number(), p.source(), p.content(), p.totals(),
                p.createdAt(), p.createdBy(), p.updatedAt(), p.updatedBy());
    }
}
