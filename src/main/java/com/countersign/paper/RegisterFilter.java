package com.countersign.paper;

/** Which reserved numbers the register shows. */
public enum RegisterFilter {
    ALL,
    /** printed, not entered yet: what the office still has to type in */
    OPEN,
    ENTERED
}
