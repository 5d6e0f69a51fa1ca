package com.countersign.proforma.ui;

import com.countersign.proforma.ProformaLine;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** One line as the editor holds it; the limits match the database columns, so nothing is rounded on save. */
public class LineDraft {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @NotBlank(message = "Describe the line")
    @Size(max = 500, message = "At most 500 characters")
    private String description = "";

    @NotNull(message = "Enter a quantity")
    @DecimalMin(value = "0", inclusive = false, message = "Must be more than 0")
    @Digits(integer = 11, fraction = 3, message = "At most 3 decimals")
    private BigDecimal quantity = BigDecimal.ONE;

    @NotNull(message = "Enter a price")
    @DecimalMin(value = "0", message = "Cannot be negative")
    @Digits(integer = 12, fraction = 4, message = "At most 4 decimals")
    private BigDecimal unitPrice = BigDecimal.ZERO;

    @NotNull(message = "Enter a tax rate")
    @DecimalMin(value = "0", message = "0 to 100")
    @DecimalMax(value = "100", message = "0 to 100")
    @Digits(integer = 3, fraction = 2, message = "At most 2 decimals")
    private BigDecimal taxRate = BigDecimal.valueOf(20);

    static LineDraft blank() {
        return new LineDraft();
    }

    static LineDraft of(ProformaLine line) {
        LineDraft draft = new LineDraft();
        draft.description = line.description();
        draft.quantity = line.quantity().stripTrailingZeros();
        draft.unitPrice = line.unitPrice().stripTrailingZeros();
        draft.taxRate = line.taxRate().stripTrailingZeros();
        return draft;
    }

    ProformaLine toLine() {
        return new ProformaLine(description, quantity, unitPrice, taxRate);
    }

    /** The line as far as it is valid, for live totals while typing; what is not valid yet counts as zero. */
    ProformaLine toLineForTotals() {
        boolean usable = quantity != null && quantity.signum() > 0 && unitPrice != null && unitPrice.signum() >= 0;
        boolean rateUsable = taxRate != null && taxRate.signum() >= 0 && taxRate.compareTo(HUNDRED) <= 0;
        try {
            return new ProformaLine("-", usable ? quantity : BigDecimal.ONE, usable ? unitPrice : BigDecimal.ZERO,
                    rateUsable ? taxRate : BigDecimal.ZERO);
        } catch (IllegalArgumentException notStorable) {
            // too many decimals: the field shows the error, the totals count the line as zero
            return new ProformaLine("-", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO);
        }
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public BigDecimal getQuantity() {
        return quantity;
    }

    public void setQuantity(BigDecimal quantity) {
        this.quantity = quantity;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    public void setUnitPrice(BigDecimal unitPrice) {
        this.unitPrice = unitPrice;
    }

    public BigDecimal getTaxRate() {
        return taxRate;
    }

    public void setTaxRate(BigDecimal taxRate) {
        this.taxRate = taxRate;
    }
}
