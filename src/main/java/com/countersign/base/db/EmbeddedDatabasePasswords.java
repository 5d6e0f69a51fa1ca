package com.countersign.base.db;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The embedded cluster's passwords, one per role, generated once and kept in the data directory in
 * a file only the operating-system user may read (the data directory itself is 0700). The file
 * sits next to PostgreSQL's own files and goes wherever the data goes.
 */
final class EmbeddedDatabasePasswords {

    static final String FILE_NAME = "countersign-passwords.properties";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties passwords = new Properties();

    private EmbeddedDatabasePasswords(Path file) {
        this.file = file;
    }

    /** The passwords kept in {@code dataDir}, none if the cluster is new or older than password authentication. */
    static EmbeddedDatabasePasswords in(Path dataDir) {
        EmbeddedDatabasePasswords kept = new EmbeddedDatabasePasswords(dataDir.resolve(FILE_NAME));
        if (Files.exists(kept.file)) {
            try (Reader in = Files.newBufferedReader(kept.file)) {
                kept.passwords.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + kept.file, e);
            }
        }
        return kept;
    }

    boolean isEmpty() {
        return passwords.isEmpty();
    }

    /** The role's password, generated (and only kept by {@link #save}) if it had none. */
    String of(String role) {
        return passwords.computeIfAbsent(role, r -> generate()).toString();
    }

    void save() {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer out = Files.newBufferedWriter(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                passwords.store(out, "Passwords of the embedded PostgreSQL's roles (psql: PGPASSWORD=...)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static String generate() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
