package com.countersign.deployment;

/** The database's own words for why something failed, without the JDBC wrapping. */
final class Failures {

    private Failures() {}

    static String reasonOf(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceFirst("^ERROR: ", "").replaceAll("\\s*Where: .*", "").replaceAll("\\s+", " ").strip();
    }
}
