package com.countersign.history;

import com.countersign.base.NotFoundException;
import com.countersign.base.WriteGate;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSummary;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.RestoreTarget;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every version of a proforma, as the triggers recorded them: the timeline, the state as of any
 * moment, differences between two moments, and restoring an earlier state as a new version.
 */
@Service
@Transactional(readOnly = true)
public class HistoryService {

    private final HistoryQueries queries;
    private final AsOfQueries asOfQueries;
    private final ProformaService proformas;
    private final WriteGate writeGate;

    HistoryService(HistoryQueries queries, AsOfQueries asOfQueries, ProformaService proformas, WriteGate writeGate) {
        this.queries = queries;
        this.asOfQueries = asOfQueries;
        this.proformas = proformas;
        this.writeGate = writeGate;
    }

    /** The list as it was at {@code at}: the same filters as the live list, read only. */
    @PreAuthorize("isAuthenticated()")
    public List<ProformaSummary> listAsOf(ProformaFilter filter, Instant at, int offset, int limit) {
        return asOfQueries.page(filter, at, offset, limit);
    }

    /** Whole proformas as they were at {@code at}, in id order after {@code afterId}, for printing. */
    @PreAuthorize("isAuthenticated()")
    public List<ProformaVersion> fullPageAsOf(ProformaFilter filter, Instant at, long afterId, int limit) {
        return asOfQueries.fullPage(filter, at, afterId, limit);
    }

    @PreAuthorize("isAuthenticated()")
    public int countAsOf(ProformaFilter filter, Instant at) {
        return asOfQueries.count(filter, at);
    }

    @PreAuthorize("isAuthenticated()")
    public List<HistoryEntry> timeline(long proformaId) {
        return queries.timeline(proformaId);
    }

    /** The proforma as it was at {@code at}; empty if it did not exist then or was deleted by then. */
    @PreAuthorize("isAuthenticated()")
    public Optional<ProformaVersion> asOf(long proformaId, Instant at) {
        return queries.header(proformaId, at)
                .filter(h -> !h.deleted())
                .map(h -> h.with(queries.lines(proformaId, at)));
    }

    /** The last state a proforma had: its current one, or the one just before it was deleted. */
    @PreAuthorize("isAuthenticated()")
    public Optional<ProformaVersion> lastKnown(long proformaId) {
        return queries.latestHeader(proformaId)
                .flatMap(h -> asOf(proformaId, h.deleted() ? h.validFrom().minus(1, ChronoUnit.MICROS) : h.validFrom()));
    }

    @PreAuthorize("isAuthenticated()")
    public boolean isDeleted(long proformaId) {
        return queries.latestHeader(proformaId).map(HistoryQueries.HeaderRow::deleted).orElse(false);
    }

    @PreAuthorize("isAuthenticated()")
    public List<FieldChange> diff(long proformaId, Instant from, Instant to) {
        var before = asOf(proformaId, from).map(ProformaVersion::content).orElse(null);
        var after = asOf(proformaId, to).map(ProformaVersion::content).orElse(null);
        return VersionDiff.between(before, after);
    }

    /** Writes the state as of {@code at} back as the newest version, with the reason given. */
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    @Transactional
    public ProformaSnapshot restore(long proformaId, Instant at, String reason) {
        writeGate.requireOpen();
        ProformaVersion version = asOf(proformaId, at).orElseThrow(() -> new NotFoundException(
                "Proforma " + proformaId + " did not exist at " + at + ", so there is nothing to restore"));
        String why = reason == null ? "" : reason.strip();
        return proformas.restore(new RestoreTarget(proformaId, version.number(), version.source(), version.content(),
                version.createdAt(), version.createdBy()), why.isEmpty() ? "" : "Restored the version of "
                        + version.validFrom() + ": " + why);
    }
}
