package com.countersign.deployment;

/** One changed field of one record in the dry run: what a reviewer checks by eye. */
public record SampleChange(String record, String field, String before, String after) {}
