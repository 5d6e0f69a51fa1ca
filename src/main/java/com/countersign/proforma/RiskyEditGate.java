package com.countersign.proforma;

import java.util.List;

/**
 * Asked before a single edit is saved. Implemented by the approval feature, so that proforma does
 * not depend on it: a risky edit is not saved but, once its author has said why, submitted as a
 * one-proforma change set.
 */
public interface RiskyEditGate {

    /** Why this edit needs approval; empty when it may be saved now. */
    List<String> risks(ProformaSnapshot current, ProformaContent proposed);

    /** Turns the edit into a change set waiting for approval, with the author's reason; returns its id. */
    long submit(ProformaSnapshot current, ProformaContent proposed, String reason);
}
