package com.countersign.base.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL that runs when no external database is configured. It listens on
 * loopback only and asks every connection for a password; port, database and roles are logged at
 * start, the passwords are in the data directory (see {@link EmbeddedDatabasePasswords}).
 * {@code username} owns the database and migrates it; the portal runs as {@code appUsername}.
 */
@ConfigurationProperties("countersign.embedded-db")
public record EmbeddedDatabaseProperties(
        boolean enabled, Path dataDir, int port, String database, String username, String appUsername,
        boolean cleanOnStart) {

    public EmbeddedDatabaseProperties {
        if (dataDir == null) {
            dataDir = Path.of("data", "postgres");
        }
        if (database == null || database.isBlank()) {
            database = "countersign";
        }
        if (username == null || username.isBlank()) {
            username = "countersign";
        }
        if (appUsername == null || appUsername.isBlank()) {
            appUsername = "countersign_app";
        }
        if (appUsername.equals(username)) {
            throw new IllegalArgumentException("countersign.embedded-db.app-username must differ from the owner "
                    + username + ": the portal must not own the tables it writes");
        }
    }
}
