package com.countersign.base.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server runs as a child process: if the JVM is killed hard, the server keeps running
 * and holds the data directory. The next start stops it cleanly instead of failing.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {}

    static void stopIfRunning(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream()
                .findFirst()
                .map(String::trim)
                .filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        log.warn("A PostgreSQL server left over from an earlier run holds {}; stopping it", dataDir);
        ProcessHandle process = postmaster.get();
        process.destroy();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            sleep();
        }
        if (process.isAlive()) {
            throw new IllegalStateException("The PostgreSQL server " + process.pid() + " on " + dataDir
                    + " did not stop; stop it by hand (pg_ctl -D " + dataDir + " stop)");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL to stop", e);
        }
    }
}
