package com.countersign.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import com.countersign.support.AttackRole;
import com.countersign.support.DatabaseRoles;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portal's own role and a role set up by db/roles/app-role.sql (production's) can edit a proforma,
 * but cannot switch the guard off.
 */
@CountersignTest
class ApplicationRoleTest {

    @Autowired
    DatabaseRoles roles;

    @Autowired
    ProformaService proformas;

    long proformaId;

    void prepare() {
        Users.actAs("staff", "STAFF");
        proformaId = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Role"))).id();
        proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Role")));
        Users.anonymous();
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_role_owns_nothing_and_is_not_the_owner_of_the_tables(AttackRole role) throws Exception {
        try (Connection c = role.connect(roles); Statement s = c.createStatement();
                var owned = s.executeQuery("""
                        select c.relname from pg_class c where pg_has_role(current_user, c.relowner, 'USAGE')
                           and c.relnamespace = 'public'::regnamespace
                        union all
                        select p.proname from pg_proc p where pg_has_role(current_user, p.proowner, 'USAGE')
                           and p.pronamespace = 'public'::regnamespace
                        union all
                        select 'superuser' from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)""")) {
            java.util.List<String> objects = new java.util.ArrayList<>();
            while (owned.next()) {
                objects.add(owned.getString(1));
            }
            assertThat(objects).as("what the role owns, or may act as the owner of").isEmpty();
            assertThat(c.getMetaData().getUserName()).isNotEqualTo(roles.ownerRole());
        }
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_grants_script_covers_every_countersign_table(AttackRole role) throws Exception {
        try (Connection c = role.connect(roles); Statement s = c.createStatement();
                var missing = s.executeQuery("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'public' and c.relkind in ('r', 'v')
                           and c.relname not like 'databasechangelog%'
                           and not has_table_privilege(current_user, c.oid, 'SELECT')
                         order by 1""")) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            while (missing.next()) {
                tables.add(missing.getString(1));
            }
            assertThat(tables).as("tables the application role cannot read").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(AttackRole.class)
    void the_application_role_edits_one_proforma_but_cannot_disable_the_guard(AttackRole role) throws Exception {
        prepare();
        try (Connection c = role.connect(roles); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update proforma set notes = 'by app role' where id = " + proformaId))
                    .isEqualTo(1);
            assertThatThrownBy(() -> s.execute("alter table proforma disable trigger all"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("drop trigger a_proforma_guard_update on proforma"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.executeUpdate("update proforma set notes = 'all'"))
                    .hasMessageContaining("Countersign guard");
            assertThatThrownBy(() -> s.executeUpdate("delete from proforma_version"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("alter table proforma_version disable trigger all"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("create table public.shadow (i integer)"))
                    .hasMessageContaining("permission denied for schema public");
        }
    }
}
