package com.countersign.proforma;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.EditingCrowd.Person;
import com.countersign.support.BrowserSessions;
import com.countersign.support.CountersignTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Eight people in eight Vaadin sessions edit for a few seconds, six of them the same two proformas.
 * Correctness only; how it scales to fifty people is measured by {@code LoadBenchmark}.
 */
@CountersignTest
class ConcurrentEditingTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    ProformaService service;

    @Autowired
    JdbcClient jdbc;

    @Test
    void people_editing_the_same_proformas_at_once_lose_no_update_and_each_conflict_is_shown() throws Exception {
        List<Long> shared = EditingCrowd.newProformas(service, 2);
        List<Long> own = EditingCrowd.newProformas(service, 2);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.add(new Person("crowd-test-" + i, shared));
        }
        people.add(new Person("crowd-test-own-0", List.of(own.get(0))));
        people.add(new Person("crowd-test-own-1", List.of(own.get(1))));
        Map<Long, Integer> startVersions = versions(Stream.concat(shared.stream(), own.stream()).toList());

        var crowd = new EditingCrowd(BrowserSessions.servlet(context), Duration.ofSeconds(5), 20);
        List<SaveAttempt> attempts = crowd.run(people);

        LostUpdateAudit audit = LostUpdateAudit.of(jdbc, startVersions, attempts);
        System.out.println("Concurrent editing: " + audit);
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.saved()).isPositive();
        assertThat(audit.conflicts()).as("six people on two proformas for five seconds must collide").isPositive();
        assertThat(attempts).filteredOn(a -> own.contains(a.proformaId()))
                .allMatch(a -> a.outcome() == SaveAttempt.Outcome.SAVED, "nobody else edits one's own proforma");
    }

    @Test
    void the_audit_finds_a_version_written_over_another_unseen() throws Exception {
        List<Long> proforma = EditingCrowd.newProformas(service, 1);
        Map<Long, Integer> startVersions = versions(proforma);
        var crowd = new EditingCrowd(BrowserSessions.servlet(context), Duration.ofMillis(300), 0);
        List<SaveAttempt> attempts = crowd.run(List.of(new Person("crowd-test-alone", proforma)));
        // a write the person was never told about, made over the start instead of over their save
        jdbc.sql("update proforma set notes = 'intruder after seed', version = version + 1 where id = :id")
                .param("id", proforma.get(0)).update();

        LostUpdateAudit audit = LostUpdateAudit.of(jdbc, startVersions, attempts);

        assertThat(audit.saved()).isPositive();
        assertThat(audit.problems()).anyMatch(p -> p.contains("nobody was told it was saved"))
                .anyMatch(p -> p.contains("a lost update"));
    }

    private Map<Long, Integer> versions(List<Long> ids) {
        return ids.stream().collect(Collectors.toMap(Function.identity(), id -> jdbc
                .sql("select version from proforma where id = :id").param("id", id).query(Integer.class).single()));
    }
}
