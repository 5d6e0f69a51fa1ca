package com.countersign.approval;

/** STANDARD needs one reviewer; HIGH needs a reviewer and then a manager, two different people. */
public enum RiskTier {
    STANDARD, HIGH
}
