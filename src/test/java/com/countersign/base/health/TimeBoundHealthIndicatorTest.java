package com.countersign.base.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;

/** With PostgreSQL gone, health says DOWN within its limit instead of after Hikari's 30 s. */
class TimeBoundHealthIndicatorTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private HikariDataSource pool;

    @AfterEach
    void stop() {
        executor.shutdownNow();
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void a_database_nobody_answers_for_is_down_within_the_limit() throws Exception {
        pool = poolOnAPortNothingListensOn();
        var health = new TimeBoundHealthIndicator(new DataSourceHealthIndicator(pool, "select 1"),
                Duration.ofSeconds(2), executor);

        long started = System.nanoTime();
        Health first = health.health();
        Health second = health.health();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first.getStatus()).isEqualTo(Status.DOWN);
        assertThat(second.getStatus()).isEqualTo(Status.DOWN);
        assertThat(took).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void a_check_that_answers_in_time_is_passed_on_as_it_is() {
        var health = new TimeBoundHealthIndicator(() -> Health.up().withDetail("database", "PostgreSQL").build(),
                Duration.ofSeconds(2), executor);

        assertThat(health.health()).isEqualTo(Health.up().withDetail("database", "PostgreSQL").build());
    }

    /** A pool that started fine and whose server then went away: it waits connectionTimeout for one. */
    private static HikariDataSource poolOnAPortNothingListensOn() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/gone");
        dataSource.setUsername("nobody");
        dataSource.setConnectionTimeout(30_000);
        dataSource.setInitializationFailTimeout(-1);
        return dataSource;
    }
}
