package com.countersign.lock;

import com.countersign.base.WriteBlock;
import com.countersign.base.db.WriteContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deployment process locks and unlocks editing from a Flowable job, where nobody is signed in.
 * This path refuses to run for anyone who is (every UI request carries at least an anonymous
 * authentication), so a person cannot lock on behalf of a deployment; people use
 * {@link EditLockService}. Each call commits on its own, so the lock is visible to the run that
 * follows in another transaction.
 */
@Component
public class DeploymentEditLock {

    private final EditLockStore store;
    private final WriteContext writeContext;
    private final ApplicationEventPublisher events;

    DeploymentEditLock(EditLockStore store, WriteContext writeContext, ApplicationEventPublisher events) {
        this.store = store;
        this.writeContext = writeContext;
        this.events = events;
    }

    /** Locks for the change set; a change set that already holds the lock keeps it (the job may run twice). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void lock(long changeSetId, String reason) {
        requireSystem();
        writeContext.begin(reason);
        EditLock held = store.current();
        if (held.locked() && Long.valueOf(changeSetId).equals(held.changeSetId())) {
            return;
        }
        if (!store.lock(EditLockKind.DEPLOYMENT, reason, null, changeSetId)) {
            throw new IllegalStateException(store.current().block().map(WriteBlock::message).orElse("Editing is already locked"));
        }
    }

    /** Unlocks if this change set holds the lock; false if it did not (never locked, or already unlocked). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean unlock(long changeSetId, String note) {
        requireSystem();
        writeContext.begin(note);
        if (!store.unlock(changeSetId)) {
            return false;
        }
        events.publishEvent(new EditingUnlocked());
        return true;
    }

    public boolean heldBy(long changeSetId) {
        EditLock held = store.current();
        return held.locked() && Long.valueOf(changeSetId).equals(held.changeSetId());
    }

    private static void requireSystem() {
        if (SecurityContextHolder.getContext().getAuthentication() != null) {
            throw new AccessDeniedException("Only the deployment process locks editing for a deployment");
        }
    }
}
