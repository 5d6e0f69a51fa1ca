package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.approval.BulkOperation;
import com.countersign.recovery.RecoveryScenario;
import com.countersign.support.AttackRole;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Fixtures;
import com.countersign.support.LoopBreakerLimit;
import com.countersign.support.Seeds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13, item 6: a loop of small transactions overwrites proformas one at a time, under the
 * guard's per-transaction count. The breaker stops one actor at the limit of distinct proformas
 * per window, whatever commits in between, as the portal's role and as the grant script's role.
 */
@CountersignTest
class LoopBreakerTest {

    static final int SHIPPED_LIMIT = 25;

    @Autowired
    DatabaseRoles roles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LoopBreakerLimit limit;

    @Autowired
    RecoveryScenario scenario;

    String customer;
    List<Long> ids;

    @BeforeEach
    void two_hundred_proformas_and_the_shipped_limit() {
        limit.clear();
        limit.shipped();
        customer = Fixtures.uniqueCustomer("Loop");
        Seeds.oneLineProformas(jdbc, customer, 200, "Loop");
        ids = jdbc.sql("select id from proforma where customer_name = :c order by id").param("c", customer)
                .query(Long.class).list();
    }

    @AfterEach
    void lift_the_limit_again() {
        limit.clear();
        limit.liftForTheSuite("back to the suite's limit after LoopBreakerTest");
    }

    @Test
    void the_shipped_defaults_are_25_proformas_in_10_minutes() {
        assertThat(jdbc.sql("select max_proformas || ' in ' || time_window from loop_breaker_setting")
                .query(String.class).single()).isEqualTo("25 in 00:10:00");
    }

    @Test
    void the_breaker_fires_in_replica_mode_too_and_belongs_to_the_owner() {
        assertThat(jdbc.sql("""
                select c.relname || '.' || t.tgname || ' ' || t.tgenabled::text
                  from pg_trigger t join pg_class c on c.oid = t.tgrelid
                 where t.tgname like 'b\\_%breaker%' order by 1""").query(String.class).list())
                .containsExactly("proforma.b_proforma_breaker_delete A", "proforma.b_proforma_breaker_update A",
                        "proforma_line.b_proforma_line_breaker_delete A", "proforma_line.b_proforma_line_breaker_insert A",
                        "proforma_line.b_proforma_line_breaker_update A");
        assertThat(jdbc.sql("""
                select c.relname from pg_class c
                 where c.relname like 'loop\\_breaker\\_%' and c.relkind = 'r'
                   and pg_get_userbyid(c.relowner) <> (select pg_get_userbyid(relowner) from pg_class
                                                        where oid = 'public.proforma'::regclass)""")
                .query(String.class).list()).as("breaker tables not the owner's").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_loop_of_200_autocommit_updates_stops_at_the_limit(AttackRole role) throws SQLException {
        String untouched = checksumOf(ids.subList(SHIPPED_LIMIT, ids.size()));
        List<String> refusals = new ArrayList<>();
        try (Connection c = role.connect(roles);
                PreparedStatement update = c.prepareStatement("update proforma set notes = 'loop' where id = ?")) {
            for (long id : ids) {
                update.setLong(1, id);
                try {
                    update.executeUpdate();
                } catch (SQLException refused) {
                    refusals.add(refused.getMessage());
                }
            }
        }
        assertThat(refusals).hasSize(200 - SHIPPED_LIMIT);
        assertThat(refusals.get(0)).contains("tripped the breaker", "refused until a manager resets the breaker",
                "needs an approved change set");
        assertThat(notesOf("loop")).isEqualTo(ids.subList(0, SHIPPED_LIMIT));
        assertThat(checksumOf(ids.subList(SHIPPED_LIMIT, ids.size()))).isEqualTo(untouched);
        assertThat(updateVersions()).isEqualTo(SHIPPED_LIMIT);
        Map<String, Object> trip = jdbc.sql("""
                select db_user, actor, proforma_count, first_proforma_id, last_proforma_id
                  from loop_breaker_trip where reset_at is null""").query().singleRow();
        assertThat(trip).containsEntry("proforma_count", SHIPPED_LIMIT)
                .containsEntry("first_proforma_id", ids.get(0))
                .containsEntry("last_proforma_id", ids.get(SHIPPED_LIMIT - 1))
                .containsEntry("db_user", trip.get("actor"));
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void a_procedure_that_commits_after_each_row_stops_at_the_limit_too(AttackRole role) throws SQLException {
        String procedure = "public.loop_breaker_attack_" + role.name().toLowerCase();
        // neither role may create in public since the split (issue 13, item 1): the owner plants the
        // procedure, SECURITY INVOKER, so it runs as the attacker who calls it
        roles.ownerSql().sql("create or replace procedure " + procedure + "(who text) language plpgsql as $$"
                + " declare r record; begin"
                + "   for r in select id from proforma where customer_name = who order by id loop"
                + "     update proforma set notes = 'procedure' where id = r.id; commit;"
                + "   end loop; end $$").update();
        roles.ownerSql().sql("grant execute on procedure " + procedure + "(text) to public").update();
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("call " + procedure + "('" + customer + "')"))
                    .hasMessageContaining("tripped the breaker");
        } finally {
            roles.ownerSql().sql("drop procedure " + procedure + "(text)").update();
        }
        assertThat(notesOf("procedure")).isEqualTo(ids.subList(0, SHIPPED_LIMIT));
        assertThat(updateVersions()).isEqualTo(SHIPPED_LIMIT);
    }

    @Test
    void each_person_the_portal_names_has_a_window_of_their_own_and_a_trip_refuses_only_them() throws SQLException {
        try (Connection c = roles.asPortalRole(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < SHIPPED_LIMIT; i++) {
                s.execute("select set_config('countersign.actor', 'clerk-a', true)");
                s.executeUpdate("update proforma set notes = 'a' where id = " + ids.get(i));
                c.commit();
            }
            s.execute("select set_config('countersign.actor', 'clerk-a', true)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'a' where id = " + ids.get(100)))
                    .hasMessageContaining("clerk-a").hasMessageContaining("tripped the breaker");
            c.rollback();
            s.execute("select set_config('countersign.actor', 'clerk-b', true)");
            assertThat(s.executeUpdate("update proforma set notes = 'b' where id = " + ids.get(100))).isEqualTo(1);
            c.commit();
        }
        assertThat(notesOf("a")).hasSize(SHIPPED_LIMIT);
        assertThat(notesOf("b")).containsExactly(ids.get(100));
    }

    @Test
    void the_same_proformas_edited_over_and_over_count_once() throws SQLException {
        try (Connection c = roles.asPortalRole(); Statement s = c.createStatement()) {
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < SHIPPED_LIMIT - 1; i++) {
                    s.executeUpdate("update proforma set notes = 'again " + round + "' where id = " + ids.get(i));
                }
            }
        }
        assertThat(updateVersions()).isEqualTo(20 * (SHIPPED_LIMIT - 1));
        assertThat(openTrips()).isZero();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void new_proformas_with_their_lines_are_free_and_a_line_slipped_into_an_existing_one_counts(AttackRole role)
            throws SQLException {
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 2 * SHIPPED_LIMIT; i++) {
                s.execute("""
                        with created as (
                            insert into proforma (number, customer_name, customer_address, issue_date, valid_until,
                                                  currency, status, created_by, updated_by)
                            values ('PF-2098-' || lpad(nextval('proforma_number_seq')::text, 7, '0'), '%s', 'street',
                                    date '2026-01-01', date '2026-02-01', 'EUR', 'DRAFT', 'x', 'x')
                            returning id)
                        select id from created""".formatted(customer + " new"));
                s.execute("""
                        insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                        select id, 0, 'new', 1, 10, 20 from proforma where customer_name = '%s'
                           and xmin::text = (pg_current_xact_id()::text::bigint %% 4294967296)::text"""
                        .formatted(customer + " new"));
                s.execute("update proforma set notes = 'typed after' where customer_name = '%s'"
                        .formatted(customer + " new") + " and xmin::text = (pg_current_xact_id()::text::bigint % 4294967296)::text");
                c.commit();
            }
            assertThat(openTrips()).isZero();
            for (int i = 0; i < SHIPPED_LIMIT; i++) {
                s.execute("insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)"
                        + " values (" + ids.get(i) + ", 7, 'slipped in', 1, 99999, 0)");
                c.commit();
            }
            assertThatThrownBy(() -> s.execute("insert into proforma_line (proforma_id, position, description, quantity,"
                    + " unit_price, tax_rate) values (" + ids.get(SHIPPED_LIMIT) + ", 7, 'slipped in', 1, 99999, 0)"))
                    .hasMessageContaining("tripped the breaker");
            c.rollback();
        }
        assertThat(jdbc.sql("select count(*) from proforma p where customer_name = :c and exists"
                + " (select from proforma_line l where l.proforma_id = p.id)").param("c", customer + " new")
                .query(Integer.class).single()).isEqualTo(2 * SHIPPED_LIMIT);
        assertThat(jdbc.sql("select count(*) from proforma_line where description = 'slipped in' and proforma_id in (:ids)")
                .param("ids", ids).query(Integer.class).single()).isEqualTo(SHIPPED_LIMIT);
    }

    @Test
    void a_bulk_apply_under_an_honoured_token_does_not_count() throws SQLException {
        long changeSet = scenario.bulkApplied(new HashSet<>(ids.subList(0, 150)), BulkOperation.SET_NOTES, "bulk");
        assertThat(notesOf("bulk")).hasSize(150);
        assertThat(openTrips()).isZero();
        assertThat(jdbc.sql("select count(*) from loop_breaker_touch where proforma_id in (:ids)").param("ids", ids)
                .query(Integer.class).single()).as("window rows of change set " + changeSet).isZero();
    }

    @Test
    void the_grant_script_role_cannot_lift_the_limit_clear_its_window_or_a_trip() throws SQLException {
        try (Connection c = roles.asGrantScriptRole(); Statement s = c.createStatement()) {
            for (int i = 0; i < SHIPPED_LIMIT; i++) {
                s.executeUpdate("update proforma set notes = 'tamper' where id = " + ids.get(i));
            }
            for (String tamper : List.of(
                    "update loop_breaker_setting set max_proformas = 1000000",
                    "select public.countersign_breaker_configure(1000000, interval '1 second', 'mine')",
                    "delete from loop_breaker_touch",
                    "insert into loop_breaker_touch values (current_user, current_user, 1, now() - interval '1 day')",
                    "update loop_breaker_trip set reset_at = now(), reset_by = 'me', reset_reason = 'me'",
                    "delete from loop_breaker_trip",
                    "insert into loop_breaker_event (action, actor, db_user) values ('RESET', 'me', 'me')",
                    "delete from loop_breaker_event",
                    "truncate loop_breaker_touch",
                    "alter table proforma disable trigger b_proforma_breaker_update")) {
                assertThatThrownBy(() -> s.execute(tamper)).as(tamper)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
            long trip = openTrip();
            // the database takes the portal's word for who is a manager, but never the tripped actor's own
            // nor that of someone who is no manager, and never without a reason
            assertThatThrownBy(() -> s.execute("select public.countersign_breaker_reset(" + trip + ", 'no actor')"))
                    .hasMessageContaining("only a manager signed in to the portal");
            s.execute("select set_config('countersign.actor', 'staff', false)");
            assertThatThrownBy(() -> s.execute("select public.countersign_breaker_reset(" + trip + ", 'staff says so')"))
                    .hasMessageContaining("only a manager signed in to the portal");
            s.execute("select set_config('countersign.actor', 'manager', false)");
            assertThatThrownBy(() -> s.execute("select public.countersign_breaker_reset(" + trip + ", ' ')"))
                    .hasMessageContaining("say why");
            s.execute("select set_config('countersign.actor', '', false)");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'tamper' where id = "
                    + ids.get(SHIPPED_LIMIT))).hasMessageContaining("tripped the breaker");
        }
        assertThat(openTrips()).isOne();
        assertThat(jdbc.sql("select max_proformas from loop_breaker_setting").query(Integer.class).single())
                .isEqualTo(SHIPPED_LIMIT);
        assertThat(notesOf("tamper")).hasSize(SHIPPED_LIMIT);
    }

    @Test
    void a_reset_lets_the_actor_write_again_with_a_fresh_window_and_is_audited() throws SQLException {
        try (Connection c = roles.asPortalRole(); Statement s = c.createStatement()) {
            for (int i = 0; i < SHIPPED_LIMIT; i++) {
                s.executeUpdate("update proforma set notes = 'before reset' where id = " + ids.get(i));
            }
            long trip = openTrip();
            s.execute("select set_config('countersign.actor', 'manager', false)");
            assertThat(s.execute("select public.countersign_breaker_reset(" + trip + ", 'the import job was stopped')"))
                    .isTrue();
            s.execute("select set_config('countersign.actor', '', false)");
            for (int i = SHIPPED_LIMIT; i < 2 * SHIPPED_LIMIT - 1; i++) {
                s.executeUpdate("update proforma set notes = 'after reset' where id = " + ids.get(i));
            }
        }
        assertThat(notesOf("after reset")).hasSize(SHIPPED_LIMIT - 1);
        assertThat(openTrips()).isZero();
        assertThat(jdbc.sql("select actor || ': ' || reason from loop_breaker_event where action = 'RESET'"
                + " order by id desc limit 1").query(String.class).single())
                .isEqualTo("manager: the import job was stopped");
        assertThatThrownBy(() -> jdbc.sql("update loop_breaker_event set reason = 'nothing' where action = 'RESET'")
                .update()).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> roles.ownerSql().sql("update loop_breaker_event set reason = 'nothing' where action = 'RESET'")
                .update()).as("even the owner").hasMessageContaining("append-only");
    }

    private List<Long> notesOf(String notes) {
        return jdbc.sql("select id from proforma where customer_name = :c and notes = :n order by id")
                .param("c", customer).param("n", notes).query(Long.class).list();
    }

    private String checksumOf(List<Long> some) {
        return jdbc.sql("select md5(string_agg(p::text, '|' order by p.id)) from proforma p where id in (:ids)")
                .param("ids", some).query(String.class).single();
    }

    private int updateVersions() {
        return jdbc.sql("select count(*) from proforma_version where operation = 'U' and proforma_id in (:ids)")
                .param("ids", ids).query(Integer.class).single();
    }

    private int openTrips() {
        return jdbc.sql("select count(*) from loop_breaker_trip where reset_at is null").query(Integer.class).single();
    }

    private long openTrip() {
        return jdbc.sql("select id from loop_breaker_trip where reset_at is null").query(Long.class).single();
    }
}
