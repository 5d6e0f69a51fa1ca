package com.countersign.base;

import java.util.Optional;

/**
 * Whether proforma data may be written right now. Features that write ask it first, so that a
 * person gets a clear message; the database refuses the write anyway (see 006-edit-lock.sql).
 */
public interface WriteGate {

    /** Why writing is refused at the moment, or empty if it is not. */
    Optional<WriteBlock> blocked();

    default void requireOpen() {
        blocked().ifPresent(block -> {
            throw new EditingLockedException(block);
        });
    }
}
