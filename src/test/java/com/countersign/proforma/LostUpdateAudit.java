package com.countersign.proforma;

import com.countersign.proforma.SaveAttempt.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Holds what people were told against what the database and its history say. No lost update: every
 * confirmed save is a version in history, written by that person, and made over the version just
 * before it; nothing else was written; every refused save was shown as a conflict naming a save that
 * really happened, and is nowhere in history; the stored proforma is the last confirmed save.
 */
public record LostUpdateAudit(int saved, int conflicts, int unreported, List<String> problems) {

    record Version(int version, String operation, String actor, String notes, String updatedBy) {}

    record Stored(int version, String notes, String updatedBy) {}

    /** {@code startVersions}: each proforma's version before the crowd started. */
    public static LostUpdateAudit of(JdbcClient jdbc, Map<Long, Integer> startVersions, List<SaveAttempt> attempts) {
        List<String> problems = new ArrayList<>();
        Map<Long, List<SaveAttempt>> byProforma = attempts.stream()
                .collect(Collectors.groupingBy(SaveAttempt::proformaId));
        attempts.stream().filter(a -> a.outcome() == Outcome.UNREPORTED).forEach(a -> problems.add(
                a.user() + " pressed Save on " + a.proformaId() + " and was told neither saved nor conflict: " + a.told()));
        startVersions.forEach((id, start) -> check(jdbc, id, start, byProforma.getOrDefault(id, List.of()), problems));
        return new LostUpdateAudit(count(attempts, Outcome.SAVED), count(attempts, Outcome.CONFLICT),
                count(attempts, Outcome.UNREPORTED), List.copyOf(problems));
    }

    private static void check(JdbcClient jdbc, long id, int start, List<SaveAttempt> attempts, List<String> problems) {
        List<Version> history = jdbc.sql("""
                select version, operation, actor, notes, updated_by from proforma_version
                 where proforma_id = :id and version > :start order by version_id""")
                .param("id", id).param("start", start).query(Version.class).list();
        Stored stored = jdbc.sql("select version, notes, updated_by from proforma where id = :id")
                .param("id", id).query(Stored.class).single();
        String startNote = jdbc.sql("select notes from proforma_version where proforma_id = :id and version = :start")
                .param("id", id).param("start", start).query(String.class).single();

        Map<String, SaveAttempt> confirmed = attempts.stream().filter(a -> a.outcome() == Outcome.SAVED)
                .collect(Collectors.toMap(SaveAttempt::token, a -> a));
        Set<String> written = new HashSet<>();
        String previous = SaveAttempt.tokenOf(startNote);
        int expectedVersion = start;
        for (Version v : history) {
            String token = SaveAttempt.tokenOf(v.notes());
            written.add(token);
            expectedVersion++;
            if (v.version() != expectedVersion || !v.operation().equals("U")) {
                problems.add("proforma " + id + ": history has " + v.operation() + " version " + v.version()
                        + " where update version " + expectedVersion + " was due");
            }
            SaveAttempt attempt = confirmed.get(token);
            if (attempt == null) {
                problems.add("proforma " + id + ": version " + v.version() + " (" + v.notes()
                        + ") was written but nobody was told it was saved");
            } else if (!attempt.user().equals(v.actor()) || !attempt.user().equals(v.updatedBy())) {
                problems.add("proforma " + id + ": " + token + " was typed by " + attempt.user()
                        + " but history says " + v.actor());
            }
            if (!Objects.equals(SaveAttempt.baseOf(v.notes()), previous)) {
                problems.add("proforma " + id + ": version " + v.version() + " (" + v.notes()
                        + ") was made over " + SaveAttempt.baseOf(v.notes()) + " and overwrote " + previous
                        + " unseen: a lost update");
            }
            previous = token;
        }
        confirmed.keySet().stream().filter(token -> !written.contains(token)).forEach(token -> problems.add(
                "proforma " + id + ": " + token + " was confirmed as saved but is not in history"));
        attempts.stream().filter(a -> a.outcome() == Outcome.CONFLICT).forEach(a -> {
            if (written.contains(a.token())) {
                problems.add("proforma " + id + ": " + a.token() + " was refused as a conflict but was written");
            }
            if (!written.contains(a.theirs())) {
                problems.add("proforma " + id + ": " + a.user() + "'s conflict named " + a.theirs()
                        + ", which is not a version saved during the run");
            }
        });
        if (stored.version() != expectedVersion || !SaveAttempt.tokenOf(stored.notes()).equals(previous)) {
            problems.add("proforma " + id + " is stored at version " + stored.version() + " with " + stored.notes()
                    + " but its last confirmed save is version " + expectedVersion + " with " + previous);
        }
    }

    private static int count(List<SaveAttempt> attempts, Outcome outcome) {
        return (int) attempts.stream().filter(a -> a.outcome() == outcome).count();
    }
}
