package com.countersign.history;

/** One difference between two versions: a header field, or a line added, removed or changed. */
public record FieldChange(String field, String before, String after) {}
