package com.countersign.proforma.ui;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** What the editor's fields hold while a person types; becomes {@link ProformaContent} on save. */
public class ProformaDraft {

    @NotBlank(message = "Enter the customer's name")
    @Size(max = 200, message = "At most 200 characters")
    private String customerName = "";

    @NotBlank(message = "Enter the customer's address")
    @Size(max = 500, message = "At most 500 characters")
    private String customerAddress = "";

    @Size(max = 30, message = "At most 30 characters")
    @Pattern(regexp = "^$|^[A-Z]{2}[A-Z0-9]{2,28}$", message = "A VAT id starts with a country code, e.g. DE123456789")
    private String customerVatId = "";

    @NotNull(message = "Pick the issue date")
    private LocalDate issueDate;

    @NotNull(message = "Pick the date the offer is valid until")
    private LocalDate validUntil;

    @NotNull(message = "Pick a currency")
    private Currency currency;

    @NotNull(message = "Pick a status")
    private ProformaStatus status = ProformaStatus.DRAFT;

    @Size(max = 2000, message = "At most 2000 characters")
    private String notes = "";

    @Valid
    private List<LineDraft> lines = new ArrayList<>();

    static ProformaDraft blank(LocalDate today) {
        ProformaDraft draft = new ProformaDraft();
        draft.issueDate = today;
        draft.validUntil = today.plusDays(30);
        draft.currency = Currency.getInstance("EUR");
        draft.lines.add(LineDraft.blank());
        return draft;
    }

    static ProformaDraft of(ProformaSnapshot snapshot) {
        ProformaContent c = snapshot.content();
        ProformaDraft draft = new ProformaDraft();
        draft.customerName = c.customerName();
        draft.customerAddress = c.customerAddress();
        draft.customerVatId = c.customerVatId() == null ? "" : c.customerVatId();
        draft.issueDate = c.issueDate();
        draft.validUntil = c.validUntil();
        draft.currency = c.currency();
        draft.status = c.status();
        draft.notes = c.notes() == null ? "" : c.notes();
        c.lines().forEach(line -> draft.lines.add(LineDraft.of(line)));
        return draft;
    }

    ProformaContent toContent() {
        List<ProformaLine> contentLines = lines.stream().map(LineDraft::toLine).toList();
        return new ProformaContent(customerName, customerAddress, customerVatId, issueDate, validUntil, currency, status,
                notes, contentLines);
    }

    public String getCustomerName() {
        return customerName;
    }

    public void setCustomerName(String customerName) {
        this.customerName = customerName;
    }

    public String getCustomerAddress() {
        return customerAddress;
    }

    public void setCustomerAddress(String customerAddress) {
        this.customerAddress = customerAddress;
    }

    public String getCustomerVatId() {
        return customerVatId;
    }

    public void setCustomerVatId(String customerVatId) {
        this.customerVatId = customerVatId;
    }

    public LocalDate getIssueDate() {
        return issueDate;
    }

    public void setIssueDate(LocalDate issueDate) {
        this.issueDate = issueDate;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(LocalDate validUntil) {
        this.validUntil = validUntil;
    }

    public Currency getCurrency() {
        return currency;
    }

    public void setCurrency(Currency currency) {
        this.currency = currency;
    }

    public ProformaStatus getStatus() {
        return status;
    }

    public void setStatus(ProformaStatus status) {
        this.status = status;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public List<LineDraft> getLines() {
        return lines;
    }
}
