package com.countersign.proforma;

import com.countersign.base.Money;
import java.time.Instant;
import java.time.LocalDate;

/** One row of the proforma list. */
public record ProformaSummary(
        long id,
        String number,
        String customerName,
        LocalDate issueDate,
        LocalDate validUntil,
        ProformaStatus status,
        Money gross,
        Instant updatedAt,
        String updatedBy) {}
