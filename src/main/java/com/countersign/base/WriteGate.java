package com.countersign.base;

import java.util.Optional;

/**
 * Whether proforma data may be written right now. Features that write ask it first, so that a
 * person gets a clear message; the database refuses the write anyway (see 006-edit-lock.sql).
 */
public interface WriteGate {

    /** Why writing is refused at the moment, or empty if it is not. */
    Optional<WriteBlock> blocked();

    /**
     * Why a write under change set {@code changeSetId}'s token would be refused, read the way the
     * database's guard reads it (FOR SHARE, 006-edit-lock.sql): from here until the calling
     * transaction ends nobody can lock editing, so an empty answer holds until commit. Only inside a
     * transaction; null for a write without a change set.
     */
    Optional<WriteBlock> blockedUntilCommit(Long changeSetId);

    default void requireOpen() {
        blocked().ifPresent(block -> {
            throw new EditingLockedException(block);
        });
    }
}
