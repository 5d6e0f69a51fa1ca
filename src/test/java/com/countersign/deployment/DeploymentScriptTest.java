package com.countersign.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentScriptTest {

    static final String ESCAPE = """
            update proforma p$a$ set notes = notes where id = -1;
            update proforma set notes = 'written without any review';
            update change_set set expected_count = (select count(*) from pg_temp.countersign_touched), status = 'APPLIED'
             where id = current_setting('countersign.change_set')::bigint;
            commit; --$a$
            """;

    @Test
    void dml_on_the_proforma_tables_is_accepted_with_its_target_and_key_predicate() {
        List<ScriptStatement> statements = DeploymentScript.parse("""
                -- fix the notes
                update proforma set notes = 'a;b' where number = 'PF-1';
                delete from proforma_line where proforma_id in (5, 6) and quantity > 2;
                insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                  select id, 99, 'x', 1, 1, 0 from proforma where id = 7;
                update public.proforma set notes = 'all'
                """);
        assertThat(statements).extracting(ScriptStatement::table)
                .containsExactly("proforma", "proforma_line", "proforma_line", "proforma");
        assertThat(statements).extracting(ScriptStatement::keyPredicate).containsExactly(true, true, true, false);
        assertThat(statements.get(0).sql()).contains("'a;b'");
    }

    @Test
    void the_escape_script_is_refused_at_the_statements_that_leave_the_sandbox() {
        assertThatThrownBy(() -> DeploymentScript.parse(ESCAPE)).isInstanceOf(ScriptRefused.class)
                .satisfies(e -> assertThat(((ScriptRefused) e).problems()).containsExactly(
                        "Statement 3 (UPDATE change_set SET expected_count = (SELECT count(*) FROM pg_temp.counters…): "
                                + "UPDATE on change_set is not allowed; only proforma and proforma_line",
                        "Statement 4 (COMMIT): transaction control (COMMIT) is not allowed; the whole script runs in one transaction"));
    }

    @Test
    void ddl_is_refused_naming_the_statement() {
        assertRefused("update proforma set notes = 'x' where id = 1;\ndrop table proforma", "Statement 2 (DROP table proforma): DDL");
        assertRefused("alter table proforma disable trigger all", "Statement 1 (alter table proforma disable trigger all): cannot be parsed");
        assertRefused("alter table proforma add column x int", "Statement 1 (ALTER TABLE proforma ADD COLUMN x int): DDL");
        assertRefused("create temp table proforma_version (id int)", "DDL (CREATE)");
        assertRefused("truncate proforma", "DDL (TRUNCATE)");
    }

    @Test
    void transaction_control_is_refused_anywhere() {
        assertRefused("update proforma set notes = 'x' where id = 1; commit", "Statement 2 (COMMIT): transaction control");
        assertRefused("savepoint a", "transaction control (SAVEPOINT)");
        assertRefused("rollback", "transaction control (ROLLBACK)");
        assertRefused("update proforma set notes = 'x' where id = 1;\nbegin", "Statement 2");
    }

    @Test
    void session_settings_and_other_commands_are_refused() {
        assertRefused("set countersign.change_set = '5'", "SET is not allowed");
        assertRefused("set role countersign", "SET is not allowed");
        assertRefused("reset role", "RESET is not allowed");
        assertRefused("update proforma set notes = 'x' where id = 1;\ndiscard all", "Statement 2 (discard all): cannot be parsed");
        assertRefused("do $$ begin perform 1; end $$", "Statement 1");
        assertRefused("call refresh()", "Statement 1");
        assertRefused("copy proforma to '/tmp/x'", "Statement 1");
        assertRefused("select * from proforma", "only INSERT, UPDATE and DELETE are allowed, this is SELECT");
        assertRefused("merge into proforma p using proforma q on p.id = q.id when matched then update set notes = 'x'",
                "only INSERT, UPDATE and DELETE are allowed, this is MERGE");
        assertRefused("lock table proforma", "Statement 1");
    }

    @Test
    void the_issues_exfiltration_and_escape_functions_are_refused() {
        assertRefused("select setval('proforma_number_seq', 1)", "SELECT");
        assertRefused("update proforma set number = 'PF-2026-' || setval('proforma_number_seq', 1) where id = 1",
                "function setval is not allowed");
        assertRefused("update proforma set notes = database_to_xml(true, true, '')::text where id = 1",
                "function database_to_xml is not allowed");
        assertRefused("update proforma set notes = schema_to_xml('public', true, true, '')::text where id = 1",
                "function schema_to_xml is not allowed");
        assertRefused("update proforma set notes = table_to_xml_and_xmlschema('app_user', true, true, '')::text where id = 1",
                "function table_to_xml_and_xmlschema is not allowed");
        assertRefused("update proforma set notes = (select string_agg(word, ',') from ts_stat('select to_tsvector(password_hash) from app_user')) where id = 1",
                "is not allowed");
        assertRefused("update proforma set notes = (select max(word) from ts_stat($$select set_config('countersign.actor', 'x', true)::tsvector$$)) where id = 1",
                "function ts_stat is not allowed");
        assertRefused("update proforma set notes = ts_rewrite('a'::tsquery, 'select set_config(''countersign.actor'', ''x'', true)')::text where id = 1",
                "is not allowed");
        assertRefused("update proforma set notes = pg_sleep_for('1 hour')::text where id = 1", "function pg_sleep_for is not allowed");
        assertRefused("update proforma set notes = (select max(query) from pg_stat_get_activity(null)) where id = 1",
                "function pg_stat_get_activity is not allowed");
        assertRefused("update proforma set notes = set_config('countersign.change_set', '1', true) where id = 1",
                "function set_config is not allowed");
        assertRefused("update proforma set notes = pg_catalog.pg_read_file('/etc/passwd') where id = 1",
                "function pg_read_file is not allowed");
        assertRefused("update proforma set notes = \"current_setting\"('countersign.actor') where id = 1",
                "function current_setting is not allowed");
    }

    @Test
    void a_cte_named_after_a_table_does_not_hide_the_read() {
        assertRefused("with app_user as (select * from app_user) update proforma set notes = (select max(username) from app_user) where id = 1",
                "uses app_user");
        assertRefused("with proforma as (select 1 as id) delete from proforma_line where proforma_id in (select id from proforma)",
                "shadows a table");
        assertRefused("with x as (select id from app_user_role), app_user_role as (select id from proforma) "
                + "update proforma set notes = 'x' where id in (select id from x)", "uses app_user_role");
        assertRefused("update proforma set notes = 'x' where id in (with app_user as (select 1 as id) select id from app_user)",
                "inside another statement or CTE is not allowed");
        assertRefused("with recursive r as (select 1 as n union all select n + 1 from r) delete from proforma where id in (select n from r)",
                "RECURSIVE");
    }

    @Test
    void on_conflict_returning_and_dml_in_ctes_are_inspected() {
        assertRefused("""
                insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                values (1, 1, 'x', 1, 1, 0) on conflict (proforma_id, position)
                do update set description = pg_read_file('/etc/passwd')""", "function pg_read_file is not allowed");
        assertRefused("delete from proforma where id = 1 returning setval('proforma_number_seq', 1)", "Statement 1");
        assertRefused("delete from proforma where id = 1 returning id", "RETURNING is not allowed");
        assertRefused("with gone as (delete from change_set returning id) delete from proforma where id = 1",
                "Statement 1");
        assertRefused("with gone as (delete from proforma_line where proforma_id = 1 returning proforma_id) "
                + "delete from proforma where id in (select proforma_id from gone)", "may only read");
    }

    @Test
    void tables_are_resolved_as_postgresql_does() {
        assertRefused("update \"PROFORMA\" set notes = 'x' where id = 1", "UPDATE on \"PROFORMA\" is not allowed");
        assertRefused("update pg_temp.proforma set notes = 'x' where id = 1", "UPDATE on pg_temp.proforma is not allowed");
        assertRefused("delete from proforma where id in (select id from pg_temp.countersign_touched)", "uses pg_temp.countersign_touched");
        assertRefused("delete from proforma p using change_set c where c.id = p.id", "uses change_set");
        assertRefused("update proforma set notes = (select max(rolname) from pg_catalog.pg_authid) where id = 1", "uses pg_catalog.pg_authid");
        assertThat(DeploymentScript.parse("update PROFORMA set notes = 'x' where ID = 1; update \"proforma\" set notes = 'y' where id = 2"))
                .extracting(ScriptStatement::table, ScriptStatement::keyPredicate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("proforma", true), org.assertj.core.groups.Tuple.tuple("proforma", true));
    }

    @Test
    void casts_only_to_plain_types() {
        assertRefused("update proforma set notes = 'app_user'::regclass::text where id = 1", "cast to regclass is not allowed");
        assertThat(DeploymentScript.parse("update proforma set notes = (12.5::numeric(10, 2))::text || cast(now() as date)::text "
                + "where id = '7'::bigint")).hasSize(1);
    }

    @Test
    void a_key_predicate_is_a_key_compared_with_constants_under_and() {
        assertThat(keyPredicates("""
                update proforma set notes = 'x' where id = 1 and status = 'DRAFT';
                update proforma set notes = 'x' where number in ('PF-2026-000001', 'PF-2026-000002');
                update proforma set notes = 'x' where id between 10 and 20;
                update proforma set notes = 'x' where (status = 'DRAFT' and (id = -3));
                update proforma set notes = 'x' where id = id;
                update proforma set notes = 'x' where id in (select id from proforma);
                update proforma set notes = 'x' where id = 1 or true;
                update proforma set notes = 'x' where id between 0 and 9223372036854775807;
                update proforma set notes = 'x' where number between 'PF-0000-000000' and 'PF-9999-999999';
                update proforma set notes = 'id = 1' where notes = 'id = 1';
                update proforma set notes = 'x' where id not in (1, 2);
                update proforma set notes = 'x' where id in (1, 2) and status = 'DRAFT' and customer_name like 'A%';
                update proforma set notes = 'x' where id in (1, 2) or status = 'DRAFT'
                """)).containsExactly(true, true, true, true, false, false, false, false, false, false, false, true, false);
    }

    @Test
    void bind_parameters_and_session_variables_are_refused() {
        assertRefused("update proforma set notes = ? where id = 1", "Statement 1");
        assertRefused("update proforma set notes = :x where id = 1", "Statement 1");
    }

    @Test
    void oversize_scripts_are_refused_before_parsing() {
        DeploymentLimits small = new DeploymentLimits(150, 2, Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThatThrownBy(() -> DeploymentScript.parse("update proforma set notes = '" + "x".repeat(200) + "' where id = 1", small))
                .isInstanceOf(ScriptRefused.class).hasMessageContaining("at most 150 are allowed");
        assertThatThrownBy(() -> DeploymentScript.parse("delete from proforma where id = 1;".repeat(3), small))
                .isInstanceOf(ScriptRefused.class).hasMessageContaining("The script has 3 statements; at most 2");
    }

    @Test
    void unparsable_text_is_refused_with_its_statement_number() {
        assertRefused("update proforma set notes = 'x' where id = 1;\nupdate proforma sett notes = 1",
                "Statement 2 (update proforma sett notes = 1): cannot be parsed at line 2, column 22");
        assertRefused("update proforma set notes = 'x' where id = 1;;\n\ndelete from proforma where id = 2;\nupdate (((",
                "Statement 3 (update ((():");
        assertRefused("-- only a comment", "only comments");
        assertRefused("  ", "empty");
    }

    @Test
    void a_cte_over_proformas_is_fine() {
        assertThat(DeploymentScript.parse("with d as (select id from proforma where status = 'DRAFT') "
                + "update proforma set notes = 'x' where id in (select id from d)")).hasSize(1);
    }

    private static List<Boolean> keyPredicates(String script) {
        return DeploymentScript.parse(script).stream().map(ScriptStatement::keyPredicate).toList();
    }

    private static void assertRefused(String script, String message) {
        assertThatThrownBy(() -> DeploymentScript.parse(script)).isInstanceOf(ScriptRefused.class)
                .hasMessageContaining(message);
    }
}
