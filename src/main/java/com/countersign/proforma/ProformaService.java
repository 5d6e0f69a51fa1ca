package com.countersign.proforma;

import com.countersign.base.NotFoundException;
import com.countersign.base.WriteGate;
import com.countersign.base.db.WriteContext;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reading and safely saving proformas: one record per save, checked against the version it was read at. */
@Service
@Transactional(readOnly = true)
public class ProformaService {

    static final String EDITORS = "hasAnyRole('STAFF', 'MANAGER')";
    static final Pattern NUMBER = Pattern.compile("PF-[0-9]{4}-[0-9]{6,}");

    private final ProformaRepository repository;
    private final ProformaQueries queries;
    private final JdbcClient jdbc;
    private final WriteContext writeContext;
    private final Clock clock;
    private final ObjectProvider<RiskyEditGate> riskyEditGate;
    private final WriteGate writeGate;
    private final ApplicationEventPublisher events;

    ProformaService(ProformaRepository repository, ProformaQueries queries, JdbcClient jdbc,
            WriteContext writeContext, Clock clock, ObjectProvider<RiskyEditGate> riskyEditGate, WriteGate writeGate,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.queries = queries;
        this.jdbc = jdbc;
        this.writeContext = writeContext;
        this.clock = clock;
        this.riskyEditGate = riskyEditGate;
        this.writeGate = writeGate;
        this.events = events;
    }

    /** Repeatable read: a deep page counts the matches and reads the page in one snapshot. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<ProformaSummary> list(ProformaFilter filter, List<ProformaSort.Order> sort, int offset, int limit) {
        return queries.page(filter, sort, offset, limit);
    }

    @PreAuthorize("isAuthenticated()")
    public int count(ProformaFilter filter) {
        return queries.count(filter);
    }

    /** How many proformas match, as the planner guesses it: instant, for the list until {@link #count} is ready. */
    @PreAuthorize("isAuthenticated()")
    public int estimate(ProformaFilter filter) {
        return queries.estimate(filter);
    }

    @PreAuthorize("isAuthenticated()")
    public Optional<ProformaSnapshot> find(long id) {
        return repository.findById(id).map(ProformaSnapshot::of);
    }

    /** Whole proformas matching the filter, in id order after {@code afterId}: page by page, for printing. */
    @PreAuthorize("isAuthenticated()")
    public List<ProformaSnapshot> fullPage(ProformaFilter filter, long afterId, int limit) {
        return queries.fullPage(filter, afterId, limit);
    }

    @PreAuthorize("isAuthenticated()")
    public List<ProformaSnapshot> findAll(Collection<Long> ids) {
        return queries.full(ids);
    }

    /** The numbers paper forms will carry, from the same sequence as proformas made in the portal. */
    @PreAuthorize("hasRole('MANAGER')")
    @Transactional
    public List<String> reserveNumbers(int count) {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("Reserve between 1 and 10000 numbers at a time");
        }
        return IntStream.range(0, count).mapToObj(i -> nextNumber()).toList();
    }

    /**
     * A proforma written on a pre-numbered paper form, entered under the number printed on it. The
     * paper register confirms the number was reserved and not entered yet (see {@link PaperFormEntered}).
     */
    @PreAuthorize(EDITORS)
    @Transactional
    public ProformaSnapshot enterFromPaper(String reservedNumber, ProformaContent content) {
        writeGate.requireOpen();
        if (reservedNumber == null || !NUMBER.matcher(reservedNumber.strip()).matches()) {
            throw new IllegalArgumentException("\"" + reservedNumber + "\" is not a proforma number");
        }
        String number = reservedNumber.strip();
        writeContext.begin("Entered from paper form " + number);
        String actor = WriteContext.currentActor();
        Proforma proforma = Proforma.open(number, ProformaSource.PAPER, content, actor, now());
        ProformaSnapshot saved = ProformaSnapshot.of(repository.save(proforma));
        events.publishEvent(new PaperFormEntered(number, saved.id(), actor));
        return saved;
    }

    @PreAuthorize(EDITORS)
    @Transactional
    public ProformaSnapshot create(ProformaContent content) {
        writeGate.requireOpen();
        writeContext.begin("Created in the portal");
        Proforma proforma = Proforma.open(nextNumber(), ProformaSource.PORTAL, content, WriteContext.currentActor(), now());
        return ProformaSnapshot.of(repository.save(proforma));
    }

    /**
     * Saves exactly this proforma, and only if nobody saved it since {@code readVersion}. The
     * UPDATE names the id and the version, so it can touch one row or none. A risky edit is not
     * saved ({@link EditNeedsApprovalException}); its author may submit it for approval instead.
     */
    @PreAuthorize(EDITORS)
    @Transactional
    public ProformaSnapshot update(long id, int readVersion, ProformaContent content) {
        writeGate.requireOpen();
        writeContext.begin("Edited in the portal");
        Proforma proforma = repository.findById(id)
                .orElseThrow(() -> new NotFoundException("Proforma " + id + " does not exist (it may have been deleted)"));
        if (proforma.version() != readVersion) {
            throw new EditConflictException(id, ProformaSnapshot.of(proforma));
        }
        RiskyEditGate gate = riskyEditGate.getIfAvailable();
        List<String> risks = gate == null ? List.of() : gate.risks(ProformaSnapshot.of(proforma), content);
        if (!risks.isEmpty()) {
            throw new EditNeedsApprovalException(id, risks);
        }
        proforma.revise(content, WriteContext.currentActor(), now());
        try {
            return ProformaSnapshot.of(repository.save(proforma));
        } catch (OptimisticLockingFailureException e) {
            throw conflict(id);
        } catch (DbActionExecutionException e) {
            if (e.getCause() instanceof OptimisticLockingFailureException) {
                throw conflict(id);
            }
            throw e;
        }
    }

    /**
     * A risky edit, submitted as a one-proforma change set with its author's reason. Nothing is
     * saved now; the edit is applied once approved, and only if nobody saved the proforma since
     * {@code readVersion}. Returns the change set's id.
     */
    @PreAuthorize(EDITORS)
    @Transactional
    public long submitForApproval(long id, int readVersion, ProformaContent content, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why this change is needed: the reviewer decides on it");
        }
        writeGate.requireOpen();
        Proforma proforma = repository.findById(id)
                .orElseThrow(() -> new NotFoundException("Proforma " + id + " does not exist (it may have been deleted)"));
        if (proforma.version() != readVersion) {
            throw new EditConflictException(id, ProformaSnapshot.of(proforma));
        }
        RiskyEditGate gate = riskyEditGate.getIfAvailable();
        ProformaSnapshot current = ProformaSnapshot.of(proforma);
        if (gate == null || gate.risks(current, content).isEmpty()) {
            throw new IllegalArgumentException("This change does not need approval: save it directly");
        }
        return gate.submit(current, content, reason.strip());
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
        writeGate.requireOpen();
        writeContext.begin(reason.strip());
        String actor = WriteContext.currentActor();
        Proforma proforma = repository.findById(target.id())
                .orElseGet(() -> Proforma.recreate(target, actor));
        proforma.revise(target.content(), actor, now());
        return ProformaSnapshot.of(repository.save(proforma));
    }

    /**
     * Someone passed the version check at the same moment and committed first; the versioned UPDATE
     * waited for them and then matched nothing. Read committed lets us see their version now, so the
     * person is told who saved first, exactly as when the check above catches it.
     */
    private EditConflictException conflict(long id) {
        return new EditConflictException(id, repository.findById(id).map(ProformaSnapshot::of).orElse(null));
    }

    /** PostgreSQL keeps microseconds: the snapshot handed back must show what was stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String nextNumber() {
        long next = jdbc.sql("select nextval('proforma_number_seq')").query(Long.class).single();
        return "PF-%d-%06d".formatted(Year.now(clock).getValue(), next);
    }
}
