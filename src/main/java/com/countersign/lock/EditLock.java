package com.countersign.lock;

import com.countersign.base.WriteBlock;
import java.time.Instant;
import java.util.Optional;

/** The editing lock as it stands: open, or locked for an incident or a deployment. */
public record EditLock(
        boolean locked, EditLockKind kind, String reason, Instant since, String lockedBy, Instant expectedEnd,
        Long changeSetId) {

    public static final EditLock OPEN = new EditLock(false, null, null, null, null, null, null);

    public Optional<WriteBlock> block() {
        return locked
                ? Optional.of(new WriteBlock(kind.name(), reason, since, lockedBy, expectedEnd))
                : Optional.empty();
    }
}
