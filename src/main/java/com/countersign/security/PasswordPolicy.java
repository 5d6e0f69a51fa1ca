package com.countersign.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a new password must be, wherever one is set (user admin, bootstrap admin, the user's own
 * change): long enough ({@code countersign.password.min-length}), at most 72 bytes (what bcrypt
 * reads; anything after would be ignored silently), not the username, and not one of the common
 * passwords shipped in {@code security/common-passwords.txt}. No rules on character classes: length
 * and not being guessable first, as ASVS asks.
 */
@Component
public class PasswordPolicy {

    private static final int BCRYPT_MAX_BYTES = 72;

    private final int minLength;
    private final Set<String> common;

    PasswordPolicy(@Value("${countersign.password.min-length:12}") int minLength) {
        this.minLength = minLength;
        this.common = load("/security/common-passwords.txt");
    }

    /** One line for the person choosing a password. */
    public String hint() {
        return "At least " + minLength + " characters; not a common password";
    }

    public int minLength() {
        return minLength;
    }

    /** Refuses the password with a message that says what to change; the password is never in it. */
    void check(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            throw new IllegalArgumentException("A password needs at least " + minLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw new IllegalArgumentException("A password can have at most " + BCRYPT_MAX_BYTES
                    + " bytes (72 plain letters, fewer with accents or symbols)");
        }
        String folded = password.strip().toLowerCase(Locale.ROOT);
        if (username != null && folded.equals(username.strip().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("A password cannot be the username");
        }
        if (common.contains(folded) || folded.chars().distinct().count() == 1) {
            throw new IllegalArgumentException(
                    "This password is one of the most common ones, which are tried first; choose another");
        }
    }

    private static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
