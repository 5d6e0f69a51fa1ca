package com.countersign.proforma;

import static com.countersign.support.Fixtures.content;
import static com.countersign.support.Fixtures.line;
import static com.countersign.support.Fixtures.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.base.Money;
import com.countersign.base.NotFoundException;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import java.time.LocalDate;
import java.time.Year;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

@CountersignTest
class ProformaServiceTest {

    @Autowired
    ProformaService service;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void signIn() {
        Users.actAs("staff", "STAFF");
    }

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void a_new_proforma_gets_the_next_number_of_the_year_and_is_stored_as_typed() {
        String customer = uniqueCustomer("Numbered");

        ProformaSnapshot first = service.create(content(customer));
        ProformaSnapshot second = service.create(content(customer));

        assertThat(first.number()).matches("PF-" + Year.now().getValue() + "-\\d{6,}");
        assertThat(sequenceOf(second)).isGreaterThan(sequenceOf(first));
        assertThat(first.version()).isZero();
        assertThat(first.source()).isEqualTo(ProformaSource.PORTAL);
        assertThat(first.createdBy()).isEqualTo("staff");
        assertThat(first.updatedBy()).isEqualTo("staff");
        assertThat(service.find(first.id())).get().extracting(ProformaSnapshot::content).isEqualTo(content(customer));
    }

    @Test
    void totals_follow_the_currency_scale_and_each_tax_rate() {
        ProformaContent euros = content(uniqueCustomer("Totals EUR"), ProformaStatus.DRAFT, List.of(
                line("Consulting day", "2", "850.00", "20"), line("Book", "3", "12.99", "7")));
        ProformaContent yen = new ProformaContent(uniqueCustomer("Totals JPY"), "1-1 Chiyoda, Tokyo", null,
                LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 1), Currency.getInstance("JPY"), ProformaStatus.ISSUED,
                null, List.of(line("Sensor", "3", "333.4", "10"), line("Cable", "1", "99", "8")));

        Totals eur = service.find(service.create(euros).id()).orElseThrow().totals();
        Totals jpy = service.find(service.create(yen).id()).orElseThrow().totals();

        assertThat(eur.net()).isEqualTo(Money.of("1738.97", "EUR"));
        assertThat(eur.tax()).isEqualTo(Money.of("342.73", "EUR"));
        assertThat(eur.gross()).isEqualTo(Money.of("2081.70", "EUR"));
        assertThat(jpy.net().amount()).hasToString("1099");
        assertThat(jpy.tax().amount()).hasToString("108");
        assertThat(jpy.gross().amount()).hasToString("1207");
    }

    @Test
    void the_list_shows_the_gross_of_each_proforma() {
        String customer = uniqueCustomer("Listed");
        service.create(content(customer));

        List<ProformaSummary> rows = service.list(new ProformaFilter(null, customer, Set.of(), null, null), List.of(), 0, 10);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.customerName()).isEqualTo(customer);
            assertThat(row.gross()).isEqualTo(Money.of("2040.00", "EUR"));
        });
    }

    @Test
    void the_list_filters_ignore_case_whatever_the_servers_language() {
        String customer = uniqueCustomer("Istanbul Iron");
        service.create(content(customer));
        java.util.Locale serverLocale = java.util.Locale.getDefault();
        // in Turkish, "I".toLowerCase() is a dotless "ı", which PostgreSQL's lower() never produces
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(service.count(new ProformaFilter(null, customer.toUpperCase(java.util.Locale.ROOT), Set.of(),
                    null, null))).isOne();
        } finally {
            java.util.Locale.setDefault(serverLocale);
        }
    }

    @Test
    void an_edit_changes_exactly_that_proforma_and_no_other_row() {
        ProformaSnapshot target = service.create(content(uniqueCustomer("Edited")));
        service.create(content(uniqueCustomer("Bystander")));
        List<String> othersBefore = rowsOtherThan(target.id());
        ProformaContent edited = content(uniqueCustomer("Edited again"), ProformaStatus.ISSUED,
                List.of(line("Workshop", "1", "1200", "20"), line("Travel", "1", "80.50", "0")));

        Users.actAs("staff2", "STAFF");
        ProformaSnapshot saved = service.update(target.id(), target.version(), edited);

        assertThat(saved.version()).isEqualTo(target.version() + 1);
        assertThat(saved.updatedBy()).isEqualTo("staff2");
        assertThat(saved.createdBy()).isEqualTo("staff");
        assertThat(service.find(target.id())).get().extracting(ProformaSnapshot::content).isEqualTo(edited);
        assertThat(rowsOtherThan(target.id())).isEqualTo(othersBefore);
    }

    @Test
    void a_second_save_from_a_stale_version_is_refused_and_nothing_is_lost() {
        ProformaSnapshot opened = service.create(content(uniqueCustomer("Contested")));
        ProformaSnapshot sameOpenedElsewhere = service.find(opened.id()).orElseThrow();
        ProformaContent staffsText = content(uniqueCustomer("Staff wrote this"));
        ProformaContent staff2sText = content(uniqueCustomer("Staff2 wrote this"));

        ProformaSnapshot first = service.update(opened.id(), opened.version(), staffsText);
        Users.actAs("staff2", "STAFF");

        assertThatThrownBy(() -> service.update(opened.id(), sameOpenedElsewhere.version(), staff2sText))
                .isInstanceOfSatisfying(EditConflictException.class, conflict -> {
                    assertThat(conflict.proformaId()).isEqualTo(opened.id());
                    assertThat(conflict.theirs()).get().satisfies(theirs -> {
                        assertThat(theirs.updatedBy()).isEqualTo("staff");
                        assertThat(theirs.updatedAt()).isEqualTo(first.updatedAt());
                        assertThat(theirs.content()).isEqualTo(staffsText);
                    });
                    assertThat(conflict).hasMessageContaining("staff").hasMessageContaining(first.number());
                });
        ProformaSnapshot stored = service.find(opened.id()).orElseThrow();
        assertThat(stored.content()).isEqualTo(staffsText);
        assertThat(stored.version()).isEqualTo(first.version());
    }

    @Test
    void editing_a_proforma_that_does_not_exist_is_not_found() {
        assertThatThrownBy(() -> service.update(999_999_999L, 0, content(uniqueCustomer("Ghost"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("999999999");
        assertThat(service.find(999_999_999L)).isEmpty();
    }

    @Test
    void reviewers_and_admins_cannot_create_or_edit_proformas() {
        ProformaSnapshot existing = service.create(content(uniqueCustomer("Protected")));
        String intruder = uniqueCustomer("Intruder");

        for (String role : List.of("REVIEWER", "ADMIN")) {
            Users.actAs("someone", role);
            assertThatThrownBy(() -> service.create(content(intruder))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> service.update(existing.id(), existing.version(), content(intruder)))
                    .isInstanceOf(AccessDeniedException.class);
        }

        Users.actAs("staff", "STAFF");
        assertThat(service.count(new ProformaFilter(null, intruder, Set.of(), null, null))).isZero();
        assertThat(service.find(existing.id()).orElseThrow().version()).isEqualTo(existing.version());
    }

    @Test
    void a_manager_may_edit() {
        ProformaSnapshot existing = service.create(content(uniqueCustomer("Managed")));
        Users.actAs("manager", "MANAGER", "REVIEWER");

        ProformaSnapshot saved = service.update(existing.id(), existing.version(), content(uniqueCustomer("Managed")));

        assertThat(saved.updatedBy()).isEqualTo("manager");
    }

    @Test
    void nobody_signed_in_can_neither_read_nor_write() {
        ProformaSnapshot existing = service.create(content(uniqueCustomer("Anonymous target")));

        Users.anonymous();
        assertThatThrownBy(() -> service.create(content(uniqueCustomer("Anonymous"))))
                .isInstanceOf(AuthenticationException.class);
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        assertThatThrownBy(() -> service.create(content(uniqueCustomer("Anonymous"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.update(existing.id(), existing.version(), content(uniqueCustomer("Anonymous"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.find(existing.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.count(ProformaFilter.ALL)).isInstanceOf(AccessDeniedException.class);
    }

    private static long sequenceOf(ProformaSnapshot snapshot) {
        return Long.parseLong(snapshot.number().substring(snapshot.number().lastIndexOf('-') + 1));
    }

    /** Every other proforma and line, as text: any change to another record shows up as a difference. */
    private List<String> rowsOtherThan(long id) {
        List<String> rows = new java.util.ArrayList<>(jdbc.sql(
                "select row_to_json(p)::text from proforma p where id <> :id order by id")
                .param("id", id).query(String.class).list());
        rows.addAll(jdbc.sql("""
                select row_to_json(l)::text from proforma_line l where proforma_id <> :id
                 order by proforma_id, position""").param("id", id).query(String.class).list());
        return rows;
    }
}
