package com.countersign.proforma;

import com.countersign.base.NotFoundException;
import com.countersign.base.db.WriteContext;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading and safely saving proformas: one record per save, checked against the version it was read at. */
@Service
@Transactional(readOnly = true)
public class ProformaService {

    static final String EDITORS = "hasAnyRole('STAFF', 'MANAGER')";

    private final ProformaRepository repository;
    private final ProformaQueries queries;
    private final JdbcClient jdbc;
    private final WriteContext writeContext;
    private final Clock clock;
    private final ObjectProvider<RiskyEditGate> riskyEditGate;

    ProformaService(ProformaRepository repository, ProformaQueries queries, JdbcClient jdbc,
            WriteContext writeContext, Clock clock, ObjectProvider<RiskyEditGate> riskyEditGate) {
        this.repository = repository;
        this.queries = queries;
        this.jdbc = jdbc;
        this.writeContext = writeContext;
        this.clock = clock;
        this.riskyEditGate = riskyEditGate;
    }

    @PreAuthorize("isAuthenticated()")
    public List<ProformaSummary> list(ProformaFilter filter, List<ProformaSort.Order> sort, int offset, int limit) {
        return queries.page(filter, sort, offset, limit);
    }

    @PreAuthorize("isAuthenticated()")
    public int count(ProformaFilter filter) {
        return queries.count(filter);
    }

    @PreAuthorize("isAuthenticated()")
    public Optional<ProformaSnapshot> find(long id) {
        return repository.findById(id).map(ProformaSnapshot::of);
    }

    @PreAuthorize(EDITORS)
    @Transactional
    public ProformaSnapshot create(ProformaContent content) {
        writeContext.begin("Created in the portal");
        Instant now = clock.instant();
        Proforma proforma = Proforma.open(nextNumber(), ProformaSource.PORTAL, content, WriteContext.currentActor(), now);
        return ProformaSnapshot.of(repository.save(proforma));
    }

    /**
     * Saves exactly this proforma, and only if nobody saved it since {@code readVersion}. The
     * UPDATE names the id and the version, so it can touch one row or none. A risky edit is not
     * saved but becomes a change set waiting for approval ({@link EditNeedsApprovalException}).
     */
    @PreAuthorize(EDITORS)
    @Transactional
    public ProformaSnapshot update(long id, int readVersion, ProformaContent content) {
        writeContext.begin("Edited in the portal");
        Proforma proforma = repository.findById(id)
                .orElseThrow(() -> new NotFoundException("Proforma " + id + " does not exist (it may have been deleted)"));
        if (proforma.version() != readVersion) {
            throw new EditConflictException(id, ProformaSnapshot.of(proforma));
        }
        RiskyEditGate gate = riskyEditGate.getIfAvailable();
        OptionalLong changeSet = gate == null ? OptionalLong.empty() : gate.divert(ProformaSnapshot.of(proforma), content);
        if (changeSet.isPresent()) {
            throw new EditNeedsApprovalException(id, changeSet.getAsLong());
        }
        proforma.revise(content, WriteContext.currentActor(), clock.instant());
        try {
            return ProformaSnapshot.of(repository.save(proforma));
        } catch (OptimisticLockingFailureException e) {
            throw new EditConflictException(id, null);
        } catch (DbActionExecutionException e) {
            if (e.getCause() instanceof OptimisticLockingFailureException) {
                throw new EditConflictException(id, null);
            }
            throw e;
        }
    }

    /**
     * Writes an earlier state back as a new version: history is never rewritten. A deleted proforma
     * comes back with its id, number and lines.
     */
    @PreAuthorize(EDITORS)
    @Transactional
    public ProformaSnapshot restore(RestoreTarget target, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why this version is restored");
        }
        writeContext.begin(reason.strip());
        String actor = WriteContext.currentActor();
        Proforma proforma = repository.findById(target.id())
                .orElseGet(() -> Proforma.recreate(target, actor));
        proforma.revise(target.content(), actor, clock.instant());
        return ProformaSnapshot.of(repository.save(proforma));
    }

    private String nextNumber() {
        long next = jdbc.sql("select nextval('proforma_number_seq')").query(Long.class).single();
        return "PF-%d-%06d".formatted(Year.now(clock).getValue(), next);
    }
}
