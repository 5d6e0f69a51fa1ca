package com.countersign.approval;

/** One changed field of one proforma; position is null for header fields. */
public record PreviewRow(long proformaId, String number, Integer position, String field, String before,
        String after) {}
