package com.countersign.lock;

/**
 * Editing was unlocked, by a person or at the end of a deployment. Published inside the unlocking
 * transaction, so what a listener writes commits with the unlock or not at all.
 */
public record EditingUnlocked() {}
