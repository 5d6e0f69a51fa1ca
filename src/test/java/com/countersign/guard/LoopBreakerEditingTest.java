package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.EditingCrowd;
import com.countersign.proforma.EditingCrowd.Person;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.SaveAttempt;
import com.countersign.proforma.SaveAttempt.Outcome;
import com.countersign.support.BrowserSessions;
import com.countersign.support.CountersignTest;
import com.countersign.support.LoopBreakerLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many people saving in the real editor change far more proformas together than the breaker's
 * limit, each of them far fewer: nobody is stopped.
 */
@CountersignTest
class LoopBreakerEditingTest {

    @Autowired ApplicationContext context;
    @Autowired ProformaService proformas;
    @Autowired JdbcClient jdbc;
    @Autowired LoopBreakerLimit limit;

    @AfterEach
    void lift_the_limit_again() {
        limit.clear();
        limit.liftForTheSuite("back to the suite's limit after LoopBreakerEditingTest");
    }

    @Test
    void thirty_people_editing_sixty_proformas_in_the_editor_trip_nothing() throws InterruptedException {
        limit.clear();
        limit.shipped();
        List<Long> ids = EditingCrowd.newProformas(proformas, 60);
        List<Person> people = new ArrayList<>();
        // each person's first save is on a proforma nobody else edits: more than the limit changed in all
        IntStream.range(0, 30).forEach(i -> people.add(new Person("breaker-editor-" + i, ids.subList(2 * i, 2 * i + 2))));

        List<SaveAttempt> attempts = new EditingCrowd(BrowserSessions.servlet(context), Duration.ofSeconds(10), 20)
                .run(people);

        assertThat(attempts).isNotEmpty().allSatisfy(a -> assertThat(a.outcome()).as(a.told()).isEqualTo(Outcome.SAVED));
        assertThat(jdbc.sql("select count(distinct proforma_id) from proforma_version where operation = 'U'"
                + " and proforma_id in (:ids)").param("ids", ids).query(Integer.class).single())
                .as("proformas changed by the crowd in " + attempts.size() + " saves on "
                        + attempts.stream().map(SaveAttempt::proformaId).distinct().count() + " proformas").isGreaterThan(25);
        assertThat(jdbc.sql("select count(*) from loop_breaker_trip where reset_at is null").query(Integer.class)
                .single()).isZero();
    }
}
