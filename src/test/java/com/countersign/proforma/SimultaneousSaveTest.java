package com.countersign.proforma;

import static com.countersign.support.Fixtures.content;
import static com.countersign.support.Fixtures.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two people press Save at the same moment on the same version. Both pass the version check before
 * either writes; the row lock and the versioned UPDATE must still let exactly one through.
 */
@CountersignTest
class SimultaneousSaveTest {

    @Autowired
    ProformaService service;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void cleanUp() {
        threads.shutdownNow();
        Users.anonymous();
    }

    @Test
    void of_two_simultaneous_saves_one_wins_and_the_other_learns_who_won() throws Exception {
        Users.actAs("staff", "STAFF");
        ProformaSnapshot opened = service.create(content(uniqueCustomer("Race")));
        ProformaContent samsText = content(uniqueCustomer("Sam typed"));
        ProformaContent suesText = content(uniqueCustomer("Sue typed"));

        CountDownLatch release = new CountDownLatch(1);
        Future<?> lock = holdRowLock(opened.id(), release);
        Future<Object> sam = threads.submit(() -> save("staff", opened, samsText));
        Future<Object> sue = threads.submit(() -> save("staff2", opened, suesText));
        awaitBlockedSaves(2);
        release.countDown();
        lock.get(10, TimeUnit.SECONDS);

        List<Object> outcomes = List.of(sam.get(10, TimeUnit.SECONDS), sue.get(10, TimeUnit.SECONDS));
        List<ProformaSnapshot> saved = new ArrayList<>();
        List<EditConflictException> refused = new ArrayList<>();
        outcomes.forEach(o -> {
            if (o instanceof ProformaSnapshot s) {
                saved.add(s);
            } else {
                refused.add((EditConflictException) o);
            }
        });
        assertThat(saved).hasSize(1);
        assertThat(refused).hasSize(1);
        ProformaSnapshot winner = saved.get(0);
        assertThat(refused.get(0).theirs()).get().satisfies(theirs -> {
            assertThat(theirs.updatedBy()).isEqualTo(winner.updatedBy());
            assertThat(theirs.updatedAt()).isEqualTo(winner.updatedAt());
            assertThat(theirs.version()).isEqualTo(winner.version());
        });
        Users.actAs("staff", "STAFF");
        ProformaSnapshot stored = service.find(opened.id()).orElseThrow();
        assertThat(stored.content()).isEqualTo(winner.content());
        assertThat(stored.version()).isEqualTo(opened.version() + 1);
    }

    private Object save(String user, ProformaSnapshot opened, ProformaContent text) {
        Users.actAs(user, "STAFF");
        try {
            return service.update(opened.id(), opened.version(), text);
        } catch (EditConflictException e) {
            return e;
        } finally {
            Users.anonymous();
        }
    }

    /** Another session holds the proforma's row lock, so both saves queue behind it. */
    private Future<?> holdRowLock(long id, CountDownLatch release) throws Exception {
        CompletableFuture<Void> locked = new CompletableFuture<>();
        Future<?> holder = threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.sql("select id from proforma where id = :id for update").param("id", id).query(Long.class).single();
            locked.complete(null);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        locked.get(10, TimeUnit.SECONDS);
        return holder;
    }

    private void awaitBlockedSaves(int count) throws InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            int waiting = jdbc.sql("""
                    select count(*) from pg_stat_activity
                     where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update%proforma%'""")
                    .query(Integer.class).single();
            if (waiting >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(count + " saves never waited for the row lock");
    }
}
