package com.countersign.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentScriptTest {

    @Test
    void dml_on_the_proforma_tables_is_accepted_with_its_target_and_key_predicate() {
        List<ScriptStatement> statements = DeploymentScript.parse("""
                -- fix the notes
                update proforma set notes = 'a;b' where number = 'PF-1';
                delete from proforma_line where proforma_id in (select id from proforma where status = 'DRAFT');
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
    void ddl_is_refused_naming_the_statement() {
        assertRefused("update proforma set notes = 'x' where id = 1;\ndrop table proforma",
                "Statement 2 (drop table proforma): DDL");
        assertRefused("alter table proforma disable trigger all", "Statement 1 (alter table proforma disable trigger all): DDL");
    }

    @Test
    void transaction_control_is_refused() {
        assertRefused("begin; update proforma set notes = 'x' where id = 1; commit", "Statement 1 (begin): transaction control");
        assertRefused("savepoint a", "transaction control (SAVEPOINT)");
        assertRefused("rollback", "transaction control (ROLLBACK)");
    }

    @Test
    void set_and_reset_are_refused() {
        assertRefused("set countersign.change_set = '5'", "SET is not allowed");
        assertRefused("reset all", "RESET is not allowed");
    }

    @Test
    void functions_that_escape_the_transaction_or_the_guard_are_refused_wherever_they_hide() {
        assertRefused("update proforma set notes = set_config('countersign.change_set', '1', true) where id = 1",
                "calls set_config");
        assertRefused("delete from proforma where id in (select pg_terminate_backend(1))", "calls pg_terminate_backend");
        assertRefused("update proforma set notes = (select x from dblink('db', 'select 1') as t(x text)) where id = 1",
                "dblink");
        assertRefused("update proforma set notes = pg_advisory_lock(1)::text where id = 1", "pg_advisory_lock");
        assertRefused("update proforma set notes = pg_read_file('/etc/passwd') where id = 1", "pg_read_file");
        assertRefused("insert into proforma_line select * from proforma_line where lo_import('/x') > 0", "lo_import");
        assertRefused("copy proforma to '/tmp/x'", "only INSERT, UPDATE and DELETE");
    }

    @Test
    void other_tables_are_refused_as_target_and_in_subqueries_joins_and_ctes() {
        assertRefused("update app_user set enabled = false where username = 'x'", "UPDATE on app_user is not allowed");
        assertRefused("update proforma set notes = (select max(username) from app_user) where id = 1", "uses other tables (app_user)");
        assertRefused("delete from proforma p using change_set c where c.id = p.id", "uses other tables (change_set)");
        assertRefused("with x as (select id from edit_lock) delete from proforma where id in (select id from x)",
                "uses other tables (edit_lock)");
        assertRefused("select * from proforma", "only INSERT, UPDATE and DELETE");
    }

    @Test
    void a_cte_over_proformas_is_fine() {
        assertThat(DeploymentScript.parse("with d as (select id from proforma where status = 'DRAFT') "
                + "update proforma set notes = 'x' where id in (select id from d)")).hasSize(1);
    }

    @Test
    void unparsable_text_is_refused_with_its_statement_number() {
        assertRefused("update proforma set notes = 'x' where id = 1;\nupdate proforma sett notes = 1",
                "Statement 2 (update proforma sett notes = 1): cannot be parsed");
        assertRefused("-- only a comment", "only comments");
    }

    private static void assertRefused(String script, String message) {
        assertThatThrownBy(() -> DeploymentScript.parse(script)).isInstanceOf(ScriptRefused.class)
                .hasMessageContaining(message);
    }
}
