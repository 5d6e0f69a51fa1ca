package com.countersign.base;

/** A write was refused because editing is locked; nothing was changed. */
public class EditingLockedException extends RuntimeException {

    private final transient WriteBlock block;

    public EditingLockedException(WriteBlock block) {
        super(block.message());
        this.block = block;
    }

    public WriteBlock block() {
        return block;
    }
}
