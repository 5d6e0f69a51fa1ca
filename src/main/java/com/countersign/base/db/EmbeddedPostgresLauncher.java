package com.countersign.base.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Starts the embedded PostgreSQL on a data directory that survives restarts. PostgreSQL refuses to
 * run as root; zonky then starts it in a user namespace (unshare), which CI machines allow.
 * A new cluster asks for a password from its first start (zonky runs initdb with trust; the
 * options added here override it for every connection, and set the superuser's password).
 */
final class EmbeddedPostgresLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);

    private EmbeddedPostgresLauncher() {}

    static EmbeddedPostgres start(EmbeddedDatabaseProperties props, String superuserPassword) {
        Path dataDir = props.dataDir().toAbsolutePath().normalize();
        Path passwordFile = null;
        try {
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
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // every DataSource zonky hands out (its own readiness check included) logs in with it
                    .setConnectConfig("password", superuserPassword);
            if (props.cleanOnStart() || !Files.exists(dataDir.resolve("postgresql.conf"))) {
                passwordFile = Files.createTempFile("countersign-pg", ".pw",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(passwordFile, superuserPassword);
                // initdb options: zonky's "-A trust" comes first, these override it
                builder.setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("pwfile", passwordFile.toString());
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL listens on localhost:{} with data in {}", postgres.getPort(), dataDir);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        } finally {
            deleteQuietly(passwordFile);
        }
    }

    /** The data directory after a clean start: passwords are read from it only after it was wiped. */
    static Path prepare(EmbeddedDatabaseProperties props) {
        Path dataDir = props.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            OrphanedPostmaster.stopIfRunning(dataDir);
            if (props.cleanOnStart()) {
                // zonky cleans only when it closes; a JVM that was killed left its data behind
                FileSystemUtils.deleteRecursively(dataDir);
                Files.createDirectories(dataDir);
            }
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + dataDir, e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete {}", file, e);
            }
        }
    }
}
