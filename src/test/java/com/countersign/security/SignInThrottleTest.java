package com.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The throttle's arithmetic over time, on the real table, with a clock the test moves. */
@CountersignTest
class SignInThrottleTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    SignInPolicy policy;

    private final MovableClock clock = new MovableClock();
    private final List<Object> events = new ArrayList<>();
    private SignInThrottle throttle;
    private String account;

    @BeforeEach
    void newThrottle() {
        ApplicationEventPublisher publisher = events::add;
        throttle = new SignInThrottle(jdbc, transactions, policy, clock, publisher);
        account = "throttle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void after_three_failures_each_next_attempt_waits_twice_as_long() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit(account, null)).isTrue();
        }

        // the third failure asks for 1 s; trying earlier is refused and counts: the fourth, 2 s from then
        clock.move(Duration.ofMillis(900));
        assertThat(throttle.admit(account, null)).isFalse();
        clock.move(Duration.ofMillis(1999));
        assertThat(throttle.admit(account, null)).isFalse();
        // the fifth: 4 s
        clock.move(Duration.ofMillis(3999));
        assertThat(throttle.admit(account, null)).isFalse();
        // the sixth: 8 s, and after waiting them out the password is checked again
        clock.move(Duration.ofSeconds(8));
        assertThat(throttle.admit(account, null)).isTrue();
    }

    @Test
    void a_locked_account_opens_again_when_the_configured_time_is_over() {
        for (int i = 0; i < 20; i++) {
            throttle.admit(account, null);
            clock.move(Duration.ofMinutes(1));
        }
        Instant lockedUntil = throttle.lockedUntil(account).orElseThrow();

        clock.set(lockedUntil.minusSeconds(1));
        assertThat(throttle.admit(account, null)).isFalse();
        assertThat(throttle.lockedUntil(account)).contains(lockedUntil);

        clock.set(lockedUntil);
        assertThat(throttle.lockedUntil(account)).isEmpty();
        assertThat(throttle.admit(account, null)).isTrue();
        assertThat(events).singleElement().isInstanceOfSatisfying(SignInThrottle.Locked.class, locked -> {
            assertThat(locked.subject()).isEqualTo(account);
            assertThat(locked.failures()).isEqualTo(policy.account().lockAfter());
            assertThat(locked.until()).isEqualTo(lockedUntil);
        });
    }

    @Test
    void a_success_starts_the_account_afresh() {
        for (int i = 0; i < 3; i++) {
            throttle.admit(account, null);
        }
        clock.move(Duration.ofSeconds(1));
        assertThat(throttle.admit(account, null)).isTrue();
        throttle.succeeded(account, null);

        assertThat(throttle.admit(account, null)).isTrue();
        assertThat(throttle.admit(account, null)).isTrue();
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-03-02T09:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        void set(Instant to) {
            now = to;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
