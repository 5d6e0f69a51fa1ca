package com.countersign.lock;

public enum EditLockKind {
    /** A manager stopped editing while something is wrong with the data. */
    INCIDENT,
    /** A data-fix deployment runs; only its change set may write. */
    DEPLOYMENT
}
