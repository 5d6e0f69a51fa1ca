package com.countersign.support;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.ProformaStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Small factories for test data; names are unique so tests sharing the database do not see each other's rows. */
public final class Fixtures {

    private Fixtures() {}

    public static String uniqueCustomer(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ProformaLine line(String description, String quantity, String unitPrice, String taxRate) {
        return new ProformaLine(description, new BigDecimal(quantity), new BigDecimal(unitPrice), new BigDecimal(taxRate));
    }

    public static ProformaContent content(String customer) {
        return content(customer, ProformaStatus.DRAFT, List.of(line("Consulting day", "2", "850.00", "20")));
    }

    public static ProformaContent content(String customer, ProformaStatus status, List<ProformaLine> lines) {
        LocalDate issued = LocalDate.of(2026, 3, 2);
        return new ProformaContent(customer, "1 Market Street\n10115 Berlin", "DE123456789", issued,
                issued.plusDays(30), Currency.getInstance("EUR"), status, null, lines);
    }
}
