package com.countersign.proforma;

/**
 * One press of Save by one simulated person, and what the editor told them. The note typed is
 * {@code "<token> after <base>"}: the token is unique to this attempt and the base is the token of
 * the version the person was looking at, so history shows which version each save was made over.
 */
public record SaveAttempt(String user, long proformaId, String token, String base, Outcome outcome, String theirs,
        String told, double millis) {

    public enum Outcome {
        /** The editor confirmed "… saved." */
        SAVED,
        /** The conflict dialog opened: someone else saved first; {@code theirs} is the token it showed. */
        CONFLICT,
        /** Neither: the person was not told what happened to their typing. */
        UNREPORTED
    }

    static String note(String token, String base) {
        return token + " after " + base;
    }

    /** The token of a note; notes written outside the crowd count as one token each. */
    static String tokenOf(String note) {
        if (note == null || note.isBlank()) {
            return "";
        }
        int space = note.indexOf(' ');
        return space < 0 ? note : note.substring(0, space);
    }

    static String baseOf(String note) {
        int after = note == null ? -1 : note.indexOf(" after ");
        return after < 0 ? null : note.substring(after + " after ".length());
    }
}
