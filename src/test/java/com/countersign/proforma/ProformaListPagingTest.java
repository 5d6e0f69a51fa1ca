package com.countersign.proforma;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deep pages are read from the far end (see {@link PageWindow}); whatever the sort, they must hold
 * exactly the rows a plain OFFSET query returns. Sort values repeat on purpose, so the id
 * tie-breaker has to work in both directions.
 */
@CountersignTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProformaListPagingTest {

    static final int ROWS = PageWindow.COUNT_FROM + 2_000;
    static final int PAGE = 50;

    @Autowired ProformaService proformas;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    String customer;
    ProformaFilter filter;

    @BeforeAll
    void manyProformasOfOneCustomer() {
        customer = Fixtures.uniqueCustomer("Paging");
        filter = new ProformaFilter(null, customer, Set.of(), null, null);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select set_config('countersign.actor', 'paging-test', true)").query().singleRow();
            jdbc.sql("""
                    insert into proforma (number, customer_name, customer_address, issue_date, valid_until, currency,
                                          status, created_by, updated_by, updated_at)
                    select 'PF-1999-' || lpad(nextval('proforma_number_seq')::text, 6, '0'),
                           :customer || ' ' || chr(65 + g % 7), 'Somewhere 1', date '2024-01-01' + g % 40,
                           date '2024-03-01' + g % 13, 'EUR',
                           (array['DRAFT','ISSUED','ACCEPTED','CANCELLED'])[1 + g % 4], 'paging-test', 'paging-test',
                           timestamptz '2024-05-01 12:00Z' + g % 60 * interval '1 minute'
                      from generate_series(1, :rows) g
                    """).param("customer", customer).param("rows", ROWS).update();
        });
    }

    @BeforeEach
    void signIn() {
        Users.actAs("staff", "STAFF");
    }

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void every_page_in_every_sort_holds_the_rows_plain_offset_would() {
        List<List<ProformaSort.Order>> sorts = new ArrayList<>();
        sorts.add(List.of());
        for (ProformaSort column : ProformaSort.values()) {
            sorts.add(List.of(new ProformaSort.Order(column, false)));
            sorts.add(List.of(new ProformaSort.Order(column, true)));
        }
        sorts.add(List.of(new ProformaSort.Order(ProformaSort.STATUS, false),
                new ProformaSort.Order(ProformaSort.CUSTOMER, true)));
        int[] offsets = {0, PageWindow.COUNT_FROM - PAGE, PageWindow.COUNT_FROM, ROWS / 2 + 10, ROWS - 1_000,
            ROWS - PAGE, ROWS - 20, ROWS, ROWS + PAGE};

        for (List<ProformaSort.Order> sort : sorts) {
            for (int offset : offsets) {
                assertThat(ids(proformas.list(filter, sort, offset, PAGE)))
                        .as("sort %s, offset %d", sort, offset)
                        .isEqualTo(plainOffsetIds(sort, offset));
            }
        }
    }

    @Test
    void the_last_page_is_short_when_the_rows_run_out() {
        assertThat(proformas.list(filter, List.of(), ROWS - 20, PAGE)).hasSize(20);
        assertThat(proformas.list(filter, List.of(), ROWS, PAGE)).isEmpty();
    }

    private List<Long> plainOffsetIds(List<ProformaSort.Order> sort, int offset) {
        List<ProformaSort.Order> effective =
                sort.isEmpty() ? List.of(new ProformaSort.Order(ProformaSort.ISSUE_DATE, true)) : sort;
        StringJoiner order = new StringJoiner(", ");
        effective.forEach(o -> order.add(o.column().column + (o.descending() ? " desc" : "")));
        order.add("p.id" + (effective.get(effective.size() - 1).descending() ? " desc" : ""));
        return jdbc.sql("select p.id from proforma p where lower(p.customer_name) like :customer order by " + order
                        + " offset :offset limit :limit")
                .param("customer", customer.toLowerCase() + "%")
                .param("offset", offset)
                .param("limit", PAGE)
                .query(Long.class)
                .list();
    }

    private static List<Long> ids(List<ProformaSummary> page) {
        return page.stream().map(ProformaSummary::id).toList();
    }
}
