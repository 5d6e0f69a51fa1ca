package com.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.LoopBreakerLimit;
import com.countersign.support.Seeds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the loop breaker adds to a single-row save: autocommit single-row updates through the guard
 * and history, with the breaker's trigger counting (the shipped limit; the actor changes every 20
 * updates, as people do who each have a few proformas in their window, so nobody trips and the whole
 * path runs: lock, trip check, sweep, upsert, count) and with it switched off by the owner, in
 * alternating rounds.
 */
@Tag("bench")
@CountersignTest
class LoopBreakerCostBenchmark {

    static final int PER_PERSON = 20;

    @Autowired JdbcClient jdbc;
    @Autowired DatabaseRoles roles;
    @Autowired LoopBreakerLimit limit;

    @Test
    void a_single_row_update_pays_little_for_the_loop_breaker() throws SQLException {
        int rounds = Integer.getInteger("bench.breaker.rounds", 8);
        int writes = Integer.getInteger("bench.breaker.writes", 400);
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        limit.clear();
        limit.shipped();
        String customer = Fixtures.uniqueCustomer("Breaker cost");
        Seeds.oneLineProformas(jdbc, customer, writes, "Breaker");
        List<Long> ids = jdbc.sql("select id from proforma where customer_name = :c order by id").param("c", customer)
                .query(Long.class).list();
        List<Double> counting = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        try (Connection c = roles.asPortalRole();
                PreparedStatement actor = c.prepareStatement("select set_config('countersign.actor', ?, false)");
                PreparedStatement update = c.prepareStatement("update proforma set notes = ? where id = ?")) {
            for (int round = 0; round < rounds; round++) {
                for (boolean on : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    breaker(on);
                    long start = System.nanoTime();
                    for (int i = 0; i < ids.size(); i++) {
                        long id = ids.get(i);
                        if (i % PER_PERSON == 0) {
                            actor.setString(1, "breaker-cost-" + round + "-" + on + "-" + i / PER_PERSON);
                            actor.execute();
                        }
                        update.setString(1, "round " + round + " " + on);
                        update.setLong(2, id);
                        update.executeUpdate();
                    }
                    (on ? counting : off).add((System.nanoTime() - start) / 1e6 / writes);
                }
            }
        } finally {
            breaker(true);
            limit.clear();
            limit.liftForTheSuite("back to the suite's limit after LoopBreakerCostBenchmark");
        }
        // the first round of each warms up
        BenchReport report = BenchReport.start("loop-breaker", "the loop breaker's cost per single-row update", jdbc)
                .runs(1, rounds - 1)
                .setup("writes per round", writes + " autocommit single-row updates, each of another proforma, "
                        + PER_PERSON + " per actor")
                .setup("load average before the run", Math.round(loadBefore * 10) / 10.0)
                .setup("path", "portal's role, guard, history and version triggers always on; the breaker's"
                        + " trigger on proforma updates enabled or disabled by the owner, rounds alternating");
        var baseline = report.add("update, breaker off (baseline), per update", new Timing(off.subList(1, off.size())));
        report.add("update, breaker counting, per update", new Timing(counting.subList(1, counting.size())))
                .atMostTimes(1.5, baseline);
        report.write();
        if (BenchSettings.strict()) {
            assertThat(report.missedTargets()).extracting(BenchReport.Figure::label).isEmpty();
        }
        assertThat(jdbc.sql("select count(*) from loop_breaker_trip where actor like 'breaker-cost-%'")
                .query(Integer.class).single()).isZero();
    }

    private void breaker(boolean on) {
        roles.ownerSql().sql("alter table proforma " + (on ? "enable always" : "disable") + " trigger b_proforma_breaker_update")
                .update();
    }
}
