package com.countersign.proforma;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a proforma; its position is its index in the proforma's list of lines. Numbers are
 * held at the scale of their database columns: PostgreSQL would otherwise round extra decimals
 * silently, and a line read back would not equal the line that was saved.
 */
public record ProformaLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal taxRate) {

    public ProformaLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(taxRate, "taxRate");
        if (description.isBlank()) {
            throw new IllegalArgumentException("A line needs a description");
        }
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("Quantity must be greater than zero");
        }
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("Unit price cannot be negative");
        }
        if (taxRate.signum() < 0 || taxRate.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("Tax rate must be between 0 and 100");
        }
        quantity = fit(quantity, 14, 3, "Quantity");
        unitPrice = fit(unitPrice, 16, 4, "Unit price");
        taxRate = fit(taxRate, 5, 2, "Tax rate");
    }

    /** The value at the column's scale, refused (not rounded) if it does not fit numeric(precision, scale). */
    private static BigDecimal fit(BigDecimal value, int precision, int scale, String what) {
        if (value.stripTrailingZeros().scale() > scale) {
            throw new IllegalArgumentException(what + " has at most " + scale + " decimals");
        }
        BigDecimal exact = value.setScale(scale);
        if (exact.precision() > precision) {
            throw new IllegalArgumentException(what + " is too large");
        }
        return exact;
    }
}
