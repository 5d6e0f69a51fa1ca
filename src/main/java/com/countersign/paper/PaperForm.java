package com.countersign.paper;

import com.countersign.history.ProformaVersion;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.Totals;
import java.time.Instant;

/**
 * One printed form: the proforma's number and content, and which state it shows (the current
 * one, or the one as of a moment, so nobody mistakes an old version for today's).
 */
record PaperForm(String number, ProformaContent content, Totals totals, Instant asOf) {

    static PaperForm current(ProformaSnapshot snapshot) {
        return new PaperForm(snapshot.number(), snapshot.content(), snapshot.totals(), null);
    }

    static PaperForm asOf(ProformaVersion version, Instant at) {
        ProformaContent content = version.content();
        return new PaperForm(version.number(), content, Totals.of(content.currency(), content.lines()), at);
    }
}
