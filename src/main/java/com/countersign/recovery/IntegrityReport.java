package com.countersign.recovery;

import java.time.Instant;
import java.util.List;

/**
 * The newest finished integrity check: when and why it ran, how many proformas it compared with
 * their history, and the proformas changed without a trace (the first page of them; {@code findings}
 * counts all). {@link #NONE} when no check has finished yet.
 */
public record IntegrityReport(Long checkId, Instant startedAt, Instant finishedAt, String cause, String startedBy,
        long proformasChecked, int findings, List<UntracedChange> changes) {

    public static final IntegrityReport NONE = new IntegrityReport(null, null, null, null, null, 0, 0, List.of());

    public boolean ran() {
        return checkId != null;
    }

    /** One proforma whose live state differs from its latest history image. */
    public record UntracedChange(long proformaId, String number, Kind kind, boolean headerDiffers, boolean linesDiffer) {

        public String what() {
            return switch (kind) {
                case CHANGED -> "changed without a trace"
                        + (headerDiffers && linesDiffer ? " (header and lines)" : headerDiffers ? " (header)" : " (lines)");
                case CREATED -> "created without a trace";
                case DELETED -> "deleted without a trace";
            };
        }
    }

    public enum Kind { CHANGED, CREATED, DELETED }

    /** One field or line as history last recorded it, beside what it is now ({@code null}: absent). */
    public record Difference(String field, String recorded, String now) {}

    /** One DDL command on Countersign's tables or functions, from the database's append-only DDL audit. */
    public record StructureChange(Instant at, String dbUser, String command, String objectType, String object,
            String statement) {}
}
