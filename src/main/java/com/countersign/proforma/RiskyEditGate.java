package com.countersign.proforma;

import java.util.OptionalLong;

/**
 * Asked before a single edit is saved. Implemented by the approval feature, so that proforma does
 * not depend on it: a risky edit becomes a change set instead of a save.
 */
public interface RiskyEditGate {

    /** Empty when the edit may be saved now; otherwise the id of the change set it was turned into. */
    OptionalLong divert(ProformaSnapshot current, ProformaContent proposed);
}
