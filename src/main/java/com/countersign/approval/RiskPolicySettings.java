package com.countersign.approval;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * When a change is risky beyond the fixed rules (more than one proforma, a delete, a status change
 * of an ISSUED or ACCEPTED proforma): a gross change above the threshold; and when it needs two
 * approvers: more proformas, or more total gross value, than the high-tier limits.
 */
public record RiskPolicySettings(BigDecimal grossChangeThreshold, int highTierProformas,
        BigDecimal highTierTotalValue) {

    public RiskPolicySettings {
        Objects.requireNonNull(grossChangeThreshold, "Gross change threshold is required");
        Objects.requireNonNull(highTierTotalValue, "High-tier total value is required");
        if (grossChangeThreshold.signum() < 0 || highTierTotalValue.signum() < 0) {
            throw new IllegalArgumentException("Thresholds cannot be negative");
        }
        if (highTierProformas < 1) {
            throw new IllegalArgumentException("The high tier starts at one proforma or more");
        }
    }
}
