package com.countersign.proforma;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** One line of a proforma; its position is its index in the proforma's list of lines. */
public record ProformaLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal taxRate) {

    public ProformaLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(taxRate, "taxRate");
        quantity = scaled(quantity, 3, 11, "Quantity");
        unitPrice = scaled(unitPrice, 4, 12, "Unit price");
        taxRate = scaled(taxRate, 2, 3, "Tax rate");
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

    /** At the database column's scale, so that equal amounts are equal records whatever was typed. */
    private static BigDecimal scaled(BigDecimal value, int scale, int integerDigits, String what) {
        BigDecimal result;
        try {
            result = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " has at most " + scale + " decimals");
        }
        if (result.precision() - result.scale() > integerDigits) {
            throw new IllegalArgumentException(what + " is too large");
        }
        return result;
    }
}
