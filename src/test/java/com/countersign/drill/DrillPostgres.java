package com.countersign.drill;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL the drill owns: its own data directory and a fixed port, so it can be stopped
 * (pg_ctl stop -m fast, what a restart or failover does to the clients) and started again on the same
 * data while the application keeps running.
 */
final class DrillPostgres implements AutoCloseable {

    static final String USER = "countersign";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private DrillPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A fresh server (the directory is wiped first) with the application's role. */
    static DrillPostgres fresh(Path dataDir) {
        try {
            FileSystemUtils.deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DrillPostgres drill = new DrillPostgres(dataDir, freePort());
        drill.start();
        drill.admin().sql("create role " + USER + " login").update();
        return drill;
    }

    void start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false) // keep the data across stop/start
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "200")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setRegisterShutdownHook(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the drill's PostgreSQL in " + dataDir, e);
        }
    }

    /** pg_ctl stop -m fast: every backend is terminated (SQLSTATE 57P01), open transactions roll back. */
    void stop() {
        try {
            postgres.close();
            postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** A superuser on the maintenance database: creates, copies and drops the drill's databases. */
    JdbcClient admin() {
        return JdbcClient.create(postgres.getPostgresDatabase());
    }

    DataSource database(String name) {
        return postgres.getDatabase(USER, name);
    }

    void createDatabase(String name) {
        admin().sql("create database " + name + " owner " + USER).update();
    }

    /** A file-level copy: the template must have no connections. */
    void copyDatabase(String template, String name) {
        admin().sql("create database " + name + " template " + template + " owner " + USER).update();
    }

    void dropDatabase(String name) {
        admin().sql("drop database if exists " + name + " with (force)").update();
    }

    @Override
    public void close() {
        if (postgres != null) {
            stop();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
