package com.countersign.approval;

import com.countersign.base.NotFoundException;
import com.countersign.base.WriteBlock;
import com.countersign.base.WriteGate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An approved change set that meets locked editing is not applied and not failed: it stays APPROVED
 * and the risky-change process waits for the unlock (the signal {@value #UNLOCKED_SIGNAL}, or the
 * timer that looks again). The lock is read the way the database's guard reads it, FOR SHARE, in the
 * apply's own transaction: either it is locked now, or nobody can lock until the apply has committed.
 */
@Component
class EditingWait {

    static final String UNLOCKED_SIGNAL = "editingUnlocked";

    private static final DateTimeFormatter SINCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final WriteGate writeGate;
    private final ChangeSets changeSets;

    EditingWait(WriteGate writeGate, ChangeSets changeSets) {
        this.writeGate = writeGate;
        this.changeSets = changeSets;
    }

    /**
     * Inside the apply's transaction: the change set's status (APPROVED, or what it already is) when
     * editing is locked for it; empty when it may be applied, and stays so until that transaction ends.
     */
    Optional<ChangeSetStatus> whileLocked(long changeSetId) {
        Optional<WriteBlock> lock = writeGate.blockedUntilCommit(changeSetId);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        ChangeSetStatus status = changeSets.find(changeSetId)
                .orElseThrow(() -> new NotFoundException("Change set " + changeSetId + " does not exist")).status();
        if (status == ChangeSetStatus.APPROVED) {
            // once per lock, however often the job looks again while it holds
            changeSets.eventUnlessLast(changeSetId, ApprovalSteps.SYSTEM, waitingFor(lock.get()));
        }
        return Optional.of(status);
    }

    /**
     * In the process's own transaction, after an apply found editing locked: true if it still is,
     * and then no unlock can commit before this transaction has recorded the wait (the unlock's
     * signal finds it); false if it was unlocked meanwhile and the apply should run again.
     */
    boolean stillLocked(long changeSetId) {
        return writeGate.blocked().isPresent() && writeGate.blockedUntilCommit(changeSetId).isPresent();
    }

    /** For a process that cannot wait: the change set fails with the lock's message, nothing applied. */
    void failInstead(long changeSetId) {
        String reason = writeGate.blocked().map(WriteBlock::message).orElse("Editing is locked");
        changeSets.failed(changeSetId, reason, "Failed, nothing was applied: " + reason);
    }

    private static String waitingFor(WriteBlock lock) {
        return "Approved, waiting for editing to be unlocked: locked "
                + ("DEPLOYMENT".equals(lock.kind()) ? "for a deployment" : "because of an incident")
                + " since " + SINCE.format(lock.since()) + " by " + lock.by() + ": " + lock.reason()
                + ". It is applied once editing is unlocked.";
    }
}
