package com.countersign.proforma;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** The proforma aggregate: a header with its lines, changed only through {@link #revise}. */
@Table("proforma")
class Proforma {

    @Id
    private Long id;

    @Version
    private Integer version;

    private String number;
    private String customerName;
    private String customerAddress;
    private String customerVatId;
    private LocalDate issueDate;
    private LocalDate validUntil;
    private String currency;
    private ProformaStatus status;
    private String notes;
    private ProformaSource source;
    private Instant createdAt;
    private String createdBy;
    private Instant updatedAt;
    private String updatedBy;

    @MappedCollection(idColumn = "proforma_id", keyColumn = "position")
    private List<ProformaLine> lines = new ArrayList<>();

    @PersistenceCreator
    Proforma() {}

    static Proforma open(String number, ProformaSource source, ProformaContent content, String actor, Instant now) {
        Proforma proforma = new Proforma();
        proforma.number = number;
        proforma.source = source;
        proforma.createdAt = now;
        proforma.createdBy = actor;
        proforma.revise(content, actor, now);
        return proforma;
    }

    /** A deleted proforma, brought back under its own id and number. */
    static Proforma recreate(RestoreTarget target, String actor) {
        Proforma proforma = new Proforma();
        proforma.id = target.id();
        proforma.number = target.number();
        proforma.source = target.source();
        proforma.createdAt = target.createdAt();
        proforma.createdBy = target.createdBy();
        return proforma;
    }

    void revise(ProformaContent content, String actor, Instant now) {
        customerName = content.customerName();
        customerAddress = content.customerAddress();
        customerVatId = content.customerVatId();
        issueDate = content.issueDate();
        validUntil = content.validUntil();
        currency = content.currency().getCurrencyCode();
        status = content.status();
        notes = content.notes();
        lines = new ArrayList<>(content.lines());
        updatedAt = now;
        updatedBy = actor;
    }

    ProformaContent content() {
        return new ProformaContent(customerName, customerAddress, customerVatId, issueDate, validUntil,
                currency(), status, notes, lines);
    }

    Totals totals() {
        return Totals.of(currency(), lines);
    }

    Currency currency() {
        return Currency.getInstance(currency);
    }

    Long id() {
        return id;
    }

    Integer version() {
        return version;
    }

    String number() {
        return number;
    }

    ProformaSource source() {
        return source;
    }

    Instant createdAt() {
        return createdAt;
    }

    String createdBy() {
        return createdBy;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String updatedBy() {
        return updatedBy;
    }
}
