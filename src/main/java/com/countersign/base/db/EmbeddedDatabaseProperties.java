package com.countersign.base.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL that runs when no external database is configured. It listens on
 * loopback only; port, database and user are logged at start so an operator can open it with psql.
 */
@ConfigurationProperties("countersign.embedded-db")
public record EmbeddedDatabaseProperties(
        boolean enabled, Path dataDir, int port, String database, String username, boolean cleanOnStart) {

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
    }
}
