package com.countersign.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed sign-ins per account name and per client address in the database, so every node
 * sees the same count. An attempt is counted as a failure <em>before</em> the password is checked,
 * under the row's lock: a hundred parallel guesses cannot all slip through before the first failure
 * is written. A success then takes it back.
 */
@Component
class SignInThrottle {

    enum Kind { ACCOUNT, ADDRESS }

    /** A subject reached its lock: appended to the audit trail by whoever listens. */
    record Locked(Kind kind, String subject, int failures, Instant until, String address) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final SignInPolicy policy;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SignInThrottle(JdbcClient jdbc, PlatformTransactionManager transactions, SignInPolicy policy, Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.policy = policy;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Counts an attempt by this account name from this address; true when the password may be
     * checked at all (neither is locked nor inside its delay).
     */
    boolean admit(String account, String address) {
        boolean accountOpen = count(Kind.ACCOUNT, account, address);
        // no address: not a request from a browser (a test, a batch job), nothing to throttle by
        boolean addressOpen = address == null || count(Kind.ADDRESS, address, address);
        return accountOpen && addressOpen;
    }

    /** The password was right: the account starts afresh, and the address gets its attempt back. */
    void succeeded(String account, String address) {
        jdbc.sql("delete from sign_in_throttle where subject_kind = 'ACCOUNT' and subject = :subject")
                .param("subject", account).update();
        if (address != null) {
            jdbc.sql("""
                    update sign_in_throttle set failures = greatest(failures - 1, 0)
                     where subject_kind = 'ADDRESS' and subject = :subject""")
                    .param("subject", address).update();
        }
    }

    /** Every account name locked now, with the end of its lock. */
    Map<String, Instant> lockedAccounts() {
        Map<String, Instant> locked = new HashMap<>();
        jdbc.sql("""
                select subject, locked_until from sign_in_throttle
                 where subject_kind = 'ACCOUNT' and locked_until > :now""")
                .param("now", at(clock.instant()))
                .query((rs, n) -> locked.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
        return locked;
    }

    /** Until when this account name is locked, if it is now. */
    Optional<Instant> lockedUntil(String account) {
        return jdbc.sql("""
                select locked_until from sign_in_throttle
                 where subject_kind = 'ACCOUNT' and subject = :subject and locked_until > :now""")
                .param("subject", account).param("now", at(clock.instant()))
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }

    /** An ADMIN unlocked the account: its failures are forgotten. True if it was locked. */
    boolean unlock(String account) {
        boolean wasLocked = lockedUntil(account).isPresent();
        jdbc.sql("delete from sign_in_throttle where subject_kind = 'ACCOUNT' and subject = :subject")
                .param("subject", account).update();
        return wasLocked;
    }

    private boolean count(Kind kind, String subject, String address) {
        SignInPolicy.Limits limits = kind == Kind.ACCOUNT ? policy.account() : policy.address();
        Instant now = clock.instant();
        Row before = ownTransaction.execute(tx -> {
            jdbc.sql("insert into sign_in_throttle (subject_kind, subject) values (:kind, :subject) on conflict do nothing")
                    .param("kind", kind.name()).param("subject", subject).update();
            Row row = jdbc.sql("""
                    select failures, last_failure_at, not_before, locked_until from sign_in_throttle
                     where subject_kind = :kind and subject = :subject for update""")
                    .param("kind", kind.name()).param("subject", subject)
                    .query((rs, n) -> new Row(rs.getInt(1), instant(rs.getObject(2, OffsetDateTime.class)),
                            instant(rs.getObject(3, OffsetDateTime.class)), instant(rs.getObject(4, OffsetDateTime.class))))
                    .single()
                    .freshAt(now, policy.forgetAfter());
            if (row.lockedAt(now)) {
                return row;
            }
            int failures = row.failures() + 1;
            Instant lockedUntil = failures >= limits.lockAfter() ? now.plus(limits.lockFor()) : null;
            Duration delay = policy.delayAfter(limits, failures);
            jdbc.sql("""
                    update sign_in_throttle set failures = :failures, last_failure_at = :now, not_before = :notBefore,
                           locked_until = :lockedUntil
                     where subject_kind = :kind and subject = :subject""")
                    .param("failures", failures).param("now", at(now)).param("notBefore", at(now.plus(delay)))
                    .param("lockedUntil", at(lockedUntil)).param("kind", kind.name()).param("subject", subject)
                    .update();
            if (lockedUntil != null) {
                events.publishEvent(new Locked(kind, subject, failures, lockedUntil, address));
            }
            return row;
        });
        return !before.lockedAt(now) && !before.waitingAt(now);
    }

    private record Row(int failures, Instant lastFailureAt, Instant notBefore, Instant lockedUntil) {

        /** Forgets failures whose lock has ended, or that are older than the window. */
        Row freshAt(Instant now, Duration forgetAfter) {
            boolean lockEnded = lockedUntil != null && !lockedUntil.isAfter(now);
            boolean stale = lastFailureAt != null && lastFailureAt.plus(forgetAfter).isBefore(now);
            return lockEnded || (stale && lockedUntil == null) ? new Row(0, null, null, null) : this;
        }

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }

        boolean waitingAt(Instant now) {
            return notBefore != null && notBefore.isAfter(now);
        }
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
