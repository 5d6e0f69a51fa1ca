package com.countersign.proforma;

import java.math.BigDecimal;
import java.util.Objects;

/** One line of a proforma; its position is its index in the proforma's list of lines. */
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
    }
}
