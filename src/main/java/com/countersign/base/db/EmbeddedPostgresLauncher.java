package com.countersign.base.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL on a data directory that survives restarts. PostgreSQL refuses to
 * run as root; zonky then starts it in a user namespace (unshare), which CI machines allow.
 */
final class EmbeddedPostgresLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);

    private EmbeddedPostgresLauncher() {}

    static EmbeddedPostgres start(EmbeddedDatabaseProperties props) {
        Path dataDir = props.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            OrphanedPostmaster.stopIfRunning(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(props.cleanOnStart())
                    .setPort(props.port())
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Spring stops the server as a bean, after everything that uses it; zonky's own JVM
                    // hook would race Spring's and stop it first, so Flowable's shutdown waited 30 s
                    // for a connection that never came
                    .setRegisterShutdownHook(false);
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL listens on localhost:{} with data in {}", postgres.getPort(), dataDir);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }
}
