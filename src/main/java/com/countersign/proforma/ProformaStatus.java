package com.countersign.proforma;

public enum ProformaStatus {
    DRAFT,
    ISSUED,
    ACCEPTED,
    CANCELLED
}
