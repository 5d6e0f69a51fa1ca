package com.countersign.base.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

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
            if (props.cleanOnStart()) {
                // zonky cleans only when it closes; a JVM that was killed left its data behind
                FileSystemUtils.deleteRecursively(dataDir);
                Files.createDirectories(dataDir);
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(props.cleanOnStart())
                    .setPort(props.port())
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setLocaleConfig("locale", "C.UTF-8")
                    // stopped by Spring after the connection pool, not by a JVM hook racing it:
                    // a bean still using the pool at shutdown would otherwise wait 30 s for a server
                    // that is gone (the orphan check above covers a JVM that dies without closing)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL listens on localhost:{} with data in {}", postgres.getPort(), dataDir);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }
}
