package com.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSort;
import com.countersign.proforma.ProformaStatus;
import com.countersign.proforma.ProformaSummary;
import com.countersign.support.CountersignTest;
import com.countersign.support.DatabaseRoles;
import com.countersign.support.Users;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The proforma list on a million proformas, through {@link ProformaService} as the list view calls
 * it: a filter or sort change costs the planner's estimate plus the first page (the exact count
 * follows off the UI thread); scrolling costs one page at the middle or last offset. Targets are
 * ratios to the page query alone in the same run; the absolute times stand beside them. Run with {@code mvn -Pbench verify}; see bench/README-grid.md.
 */
@Tag("bench")
@CountersignTest
class GridBenchmark {

    static final int PAGE = 50;
    static final double ROWS_ON_SCREEN_TIMES_PAGE = 3;
    static final double DEEP_PAGE_TIMES_FIRST = 3;

    @Autowired ProformaService proformas;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseRoles roles;

    record Scenario(String name, ProformaFilter filter) {}

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @Test
    void the_list_stays_fast_on_a_million_proformas() {
        int rows = BenchSettings.rows("grid", 1_000_000);
        BenchProformas.Loaded loaded = BenchProformas.ensure(rows, roles.ownerSql(), roles.ownerTransactions());
        BenchReport report = BenchReport.start("grid", "proforma list, default sort (issue date, newest first)", jdbc)
                .setup("proformas", loaded.proformas())
                .setup("lines", loaded.lines())
                .setup("load seconds", loaded.reused() ? "reused" : loaded.took().toMillis() / 100 / 10.0)
                .setup("proforma table+indexes", size("proforma"))
                .setup("page", PAGE + " rows");
        Users.actAs("bench", "STAFF");

        // a number prefix that matches a thousand proformas, near the newest ones as a user's search would
        String numberPrefix = jdbc.sql("""
                select left(number, length(number) - 3) from proforma where created_by = :loader
                 order by id desc offset :skip limit 1""")
                .param("loader", BenchProformas.LOADER).param("skip", loaded.proformas() / 80)
                .query(String.class).single();
        List<Scenario> scenarios = List.of(
                new Scenario("all", ProformaFilter.ALL),
                new Scenario("customer 'nordic'", new ProformaFilter(null, "nordic", Set.of(), null, null)),
                new Scenario("status ISSUED", new ProformaFilter(null, null, Set.of(ProformaStatus.ISSUED), null, null)),
                new Scenario("issued 2025-Q1", new ProformaFilter(null, null, Set.of(),
                        LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31))),
                new Scenario("number '" + numberPrefix + "'", new ProformaFilter(numberPrefix, null, Set.of(), null, null)),
                new Scenario("customer+status+2025", new ProformaFilter(null, "nordic",
                        Set.of(ProformaStatus.ISSUED, ProformaStatus.ACCEPTED),
                        LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))));
        for (Scenario s : scenarios) {
            measureList(report, s.name(), s.filter(), List.of(), true);
        }
        // every other sortable column, with its index from changeset 010
        for (ProformaSort column : List.of(ProformaSort.CUSTOMER, ProformaSort.VALID_UNTIL, ProformaSort.UPDATED_AT,
                ProformaSort.STATUS, ProformaSort.NUMBER)) {
            measureList(report, "all, sorted by " + column, ProformaFilter.ALL,
                    List.of(new ProformaSort.Order(column, false)), false);
        }
        int all = proformas.count(ProformaFilter.ALL);
        report.measure("all: deepest page, plain OFFSET as before (rows only)",
                () -> plainOffsetIds(ProformaFilter.ALL, lastPageOffset(all)));

        report.write();
    }

    /**
     * One filter and sort as the list view serves it. A filter change shows the rows after the
     * planner's estimate and the first page; the exact count runs off the UI thread and is shown
     * as a reference, as is how far the estimate was from it (the scrollbar's change when the
     * count arrives). Every target is a ratio to the page query alone, measured in the same run.
     */
    private void measureList(BenchReport report, String name, ProformaFilter filter, List<ProformaSort.Order> sort,
            boolean checkAgainstPlainOffset) {
        int matching = proformas.count(filter);
        int estimate = proformas.estimate(filter);
        int middle = lastPageOffset(matching / 2);
        int deepest = lastPageOffset(matching);
        List<Integer> deepOffsets = (deepest > middle ? List.of(middle, deepest) : List.of(deepest)).stream()
                .filter(offset -> offset > 0).toList();
        List<Runnable> actions = new ArrayList<>(List.of(
                () -> proformas.list(filter, sort, 0, PAGE),
                () -> {
                    proformas.estimate(filter);
                    proformas.list(filter, sort, 0, PAGE);
                },
                () -> proformas.count(filter)));
        deepOffsets.forEach(offset -> actions.add(() -> proformas.list(filter, sort, offset, PAGE)));
        List<Timing> timings = interleaved(actions);

        var page = report.add(name + ": page query alone (offset 0)", timings.get(0));
        report.add(name + ": rows on screen (estimate " + estimate + ", then page)", timings.get(1))
                .atMostTimes(ROWS_ON_SCREEN_TIMES_PAGE, page);
        report.add(name + ": exact count off the UI thread (" + matching + ")", timings.get(2)).relativeTo(page);
        for (int i = 0; i < deepOffsets.size(); i++) {
            int offset = deepOffsets.get(i);
            report.add(name + ": " + (offset == deepest ? "deepest" : "middle") + " page (offset " + offset + ")",
                    timings.get(3 + i)).atMostTimes(DEEP_PAGE_TIMES_FIRST, page);
            if (checkAgainstPlainOffset) {
                assertThat(ids(proformas.list(filter, sort, offset, PAGE)))
                        .as("the page at %d of %s is exactly what plain OFFSET returns", offset, name)
                        .isEqualTo(plainOffsetIds(filter, offset));
            }
        }
    }

    /**
     * Times the actions in turns, one run of each per round, so that a ratio compares figures taken
     * under the same load: on a shared machine the load moves within seconds.
     */
    private static List<Timing> interleaved(List<Runnable> actions) {
        List<List<Double>> millis = actions.stream().map(a -> (List<Double>) new ArrayList<Double>()).toList();
        for (int round = -BenchSettings.warmups(); round < BenchSettings.runs(); round++) {
            for (int i = 0; i < actions.size(); i++) {
                long start = System.nanoTime();
                actions.get(i).run();
                if (round >= 0) {
                    millis.get(i).add((System.nanoTime() - start) / 1_000_000.0);
                }
            }
        }
        return millis.stream().map(Timing::new).toList();
    }

    /** The grid fetches whole pages: the last one starts at a multiple of the page size. */
    static int lastPageOffset(int matching) {
        return matching <= PAGE ? 0 : (matching - 1) / PAGE * PAGE;
    }

    /** The list's query as it was before 009: one select with OFFSET, stepping over every earlier row. */
    private List<Long> plainOffsetIds(ProformaFilter filter, int offset) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("offset", offset).addValue("limit", PAGE);
        StringJoiner where = new StringJoiner(" and ", " where ", "").setEmptyValue("");
        if (filter.numberPrefix() != null) {
            where.add("p.number like :number");
            params.addValue("number", filter.numberPrefix().toUpperCase() + "%");
        }
        if (filter.customerPrefix() != null) {
            where.add("lower(p.customer_name) like :customer");
            params.addValue("customer", filter.customerPrefix().toLowerCase() + "%");
        }
        if (!filter.statuses().isEmpty()) {
            where.add("p.status in (:statuses)");
            params.addValue("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.issuedFrom() != null) {
            where.add("p.issue_date >= :from");
            params.addValue("from", filter.issuedFrom());
        }
        if (filter.issuedTo() != null) {
            where.add("p.issue_date <= :to");
            params.addValue("to", filter.issuedTo());
        }
        return jdbc.sql("""
                select p.id, p.number, p.customer_name, p.issue_date, p.valid_until, p.status, p.currency,
                       p.updated_at, p.updated_by
                  from proforma p""" + where + " order by p.issue_date desc, p.id desc offset :offset limit :limit")
                .paramSource(params)
                .query((rs, n) -> rs.getLong("id"))
                .list();
    }

    private static List<Long> ids(List<ProformaSummary> page) {
        return page.stream().map(ProformaSummary::id).toList();
    }

    private String size(String table) {
        return jdbc.sql("select pg_size_pretty(pg_total_relation_size(cast(:table as regclass)))")
                .param("table", table).query(String.class).single();
    }
}
