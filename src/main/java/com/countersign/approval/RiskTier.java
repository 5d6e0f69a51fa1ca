package com.countersign.approval;

/** STANDARD needs one reviewer; HIGH needs a reviewer and then a manager, two different people. */
public enum RiskTier {
    STANDARD("Standard: one reviewer"), HIGH("High: a reviewer and a second manager");

    private final String label;

    RiskTier(String label) {
        this.label = label;
    }

    /** How people read the tier. */
    public String label() {
        return label;
    }
}
