package com.countersign.lock;

import com.countersign.base.WriteBlock;
import com.countersign.base.WriteGate;
import com.countersign.base.db.WriteContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locking and unlocking editing. The state lives in the database, so every node sees it at once;
 * the database audits each change and refuses proforma writes while locked (006-edit-lock.sql).
 */
@Service
@Transactional(readOnly = true)
public class EditLockService implements WriteGate {

    static final String LOCKERS = "hasAnyRole('MANAGER', 'ADMIN')";

    private final EditLockStore store;
    private final WriteContext writeContext;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    EditLockService(EditLockStore store, WriteContext writeContext, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.writeContext = writeContext;
        this.clock = clock;
        this.events = events;
    }

    /** Readable by anyone signed in and by background jobs: the banner and every write ask it. */
    public EditLock current() {
        return store.current();
    }

    @Override
    public Optional<WriteBlock> blocked() {
        return current().block();
    }

    /** For background writers (the apply job): must join their transaction, or the share lock is gone at once. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<WriteBlock> blockedUntilCommit(Long changeSetId) {
        EditLock held = store.currentUntilCommit();
        boolean ownDeployment = held.changeSetId() != null && held.changeSetId().equals(changeSetId);
        return ownDeployment ? Optional.empty() : held.block();
    }

    /** Throws {@link com.countersign.base.EditingLockedException} while editing is locked. */
    public void requireUnlocked() {
        requireOpen();
    }

    @PreAuthorize(LOCKERS)
    @Transactional
    public EditLock lock(String reason, Instant expectedEnd) {
        String why = requireReason(reason);
        if (expectedEnd != null && !expectedEnd.isAfter(clock.instant())) {
            throw new IllegalArgumentException("The expected end must be in the future");
        }
        return lock(EditLockKind.INCIDENT, why, expectedEnd, null);
    }

    /** For the deployment process: only that deployment's change-set token may write until it unlocks. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public EditLock lockForDeployment(long changeSetId, String reason) {
        return lock(EditLockKind.DEPLOYMENT, requireReason(reason), null, changeSetId);
    }

    @PreAuthorize(LOCKERS)
    @Transactional
    public EditLock unlock(String note) {
        writeContext.begin(note == null || note.isBlank() ? "Unlocked" : note.strip());
        if (!store.unlock(null)) {
            throw new IllegalStateException("Editing is not locked");
        }
        events.publishEvent(new EditingUnlocked());
        return store.current();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public EditLock unlockDeployment(long changeSetId, String note) {
        writeContext.begin(note == null || note.isBlank() ? "Deployment finished" : note.strip());
        if (!store.unlock(changeSetId)) {
            throw new IllegalStateException("Editing is not locked by change set " + changeSetId);
        }
        events.publishEvent(new EditingUnlocked());
        return store.current();
    }

    @PreAuthorize(LOCKERS)
    public List<EditLockEvent> events(int limit) {
        return store.events(limit);
    }

    private EditLock lock(EditLockKind kind, String reason, Instant expectedEnd, Long changeSetId) {
        writeContext.begin(reason);
        if (!store.lock(kind, reason, expectedEnd, changeSetId)) {
            EditLock held = store.current();
            throw new IllegalStateException(held.block().map(WriteBlock::message).orElse("Editing is already locked"));
        }
        return store.current();
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why editing is locked");
        }
        if (reason.strip().length() > 1000) {
            throw new IllegalArgumentException("The reason has at most 1000 characters");
        }
        return reason.strip();
    }
}
