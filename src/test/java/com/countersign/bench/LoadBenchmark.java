package com.countersign.bench;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.EditingCrowd;
import com.countersign.proforma.EditingCrowd.Person;
import com.countersign.proforma.LostUpdateAudit;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.SaveAttempt;
import com.countersign.proforma.SaveAttempt.Outcome;
import com.countersign.support.BrowserSessions;
import com.countersign.support.CountersignTest;
import com.countersign.support.LoopBreakerLimit;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fifty people editing for a minute, each in a Vaadin session of their own driving the real editor:
 * some their own proformas, most a small shared set, so conflicts happen. Every save is audited
 * against history (no lost update, every conflict shown); throughput and latency are set against one
 * person saving alone in the same run. Then the heap a session keeps, on the list and in the editor.
 */
@Tag("bench")
@CountersignTest
class LoadBenchmark {

    static final double MIB = 1024 * 1024;

    @Autowired ApplicationContext context;
    @Autowired ProformaService proformas;
    @Autowired JdbcClient jdbc;
    @Autowired LoopBreakerLimit breakerLimit;

    @Test
    void fifty_people_editing_lose_no_update_and_a_session_keeps_at_most_a_megabyte() throws Exception {
        int users = Integer.getInteger("bench.load.users", 50);
        int ownUsers = Integer.getInteger("bench.load.own", users / 5);
        int shared = Integer.getInteger("bench.load.shared", 5);
        Duration duration = Duration.ofSeconds(Integer.getInteger("bench.load.seconds", 60));
        Duration alone = Duration.ofSeconds(Integer.getInteger("bench.load.baseline.seconds", 15));
        int think = Integer.getInteger("bench.load.think.ms", 50);
        int sessions = Integer.getInteger("bench.load.sessions", 100);
        ComponentTracking.off(); // as in production mode; measured on its own below
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        VaadinServlet servlet = BrowserSessions.servlet(context);
        // the loop breaker as shipped: normal editing must never trip it
        breakerLimit.clear();
        breakerLimit.shipped();

        List<Long> warmUp = EditingCrowd.newProformas(proformas, 1);
        new EditingCrowd(servlet, Duration.ofSeconds(5), think).run(List.of(new Person("load-warm-up", warmUp)));

        List<Long> mine = EditingCrowd.newProformas(proformas, 1);
        Map<Long, Integer> aloneStart = versions(mine);
        List<SaveAttempt> aloneAttempts = new EditingCrowd(servlet, alone, think)
                .run(List.of(new Person("load-alone", mine)));
        LostUpdateAudit aloneAudit = LostUpdateAudit.of(jdbc, aloneStart, aloneAttempts);

        List<Long> sharedIds = EditingCrowd.newProformas(proformas, shared);
        List<Long> ownIds = EditingCrowd.newProformas(proformas, ownUsers);
        List<Person> people = new ArrayList<>();
        IntStream.range(0, ownUsers).forEach(i -> people.add(new Person("load-own-" + i, List.of(ownIds.get(i)))));
        IntStream.range(ownUsers, users).forEach(i -> people.add(new Person("load-shared-" + i, sharedIds)));
        Map<Long, Integer> crowdStart = versions(concat(sharedIds, ownIds));
        List<SaveAttempt> crowdAttempts = new EditingCrowd(servlet, duration, think).run(people);
        LostUpdateAudit crowdAudit = LostUpdateAudit.of(jdbc, crowdStart, crowdAttempts);

        BenchReport report = BenchReport.start("load", users + " people editing in Vaadin sessions; heap per session",
                jdbc)
                .runs(0, 0) // every Save click is a sample, see "path"
                .setup("people", users + " (" + ownUsers + " on a proforma of their own, " + (users - ownUsers)
                        + " on " + shared + " shared proformas)")
                .setup("load average before the run", Math.round(loadBefore * 10) / 10.0)
                .setup("duration s", duration.toSeconds())
                .setup("alone s", alone.toSeconds())
                .setup("think time ms", "0-" + think + " before each Save")
                .setup("path", "Karibu session per person on its own thread, real ProformaEditorView, Save click"
                        + " to confirmation or conflict dialog; figures are every such click, not runs");
        var aloneSaves = report.add("1 person alone: Save until saved", timing(aloneAttempts, Outcome.SAVED));
        report.add(users + " people: Save until saved", timing(crowdAttempts, Outcome.SAVED)).relativeTo(aloneSaves);
        if (crowdAudit.conflicts() > 0) {
            report.add(users + " people: Save until conflict shown", timing(crowdAttempts, Outcome.CONFLICT))
                    .relativeTo(aloneSaves);
        }
        double aloneRate = aloneAudit.saved() / (double) alone.toSeconds();
        double crowdRate = crowdAudit.saved() / (double) duration.toSeconds();
        var aloneThroughput = report.rate("1 person alone: saves per second", aloneRate, "saves/s");
        report.rate(users + " people: saves per second", crowdRate, "saves/s").relativeTo(aloneThroughput);
        report.value(users + " people: conflicts shown", crowdAudit.conflicts(), "conflicts");
        report.value(users + " people: saves neither confirmed nor refused", crowdAudit.unreported(), "saves")
                .atMost(0);
        report.value(users + " people: audit findings (lost updates and others)",
                crowdAudit.problems().size() + aloneAudit.problems().size(), "findings").atMost(0);

        loopBreaker(report, crowdAttempts);
        heapPerSession(report, servlet, sessions);
        report.write();

        assertThat(aloneAudit.problems()).isEmpty();
        assertThat(crowdAudit.problems()).isEmpty();
        assertThat(crowdAudit.conflicts()).as("people sharing proformas must collide").isPositive();
        if (BenchSettings.strict()) {
            assertThat(report.missedTargets()).extracting(BenchReport.Figure::label).isEmpty();
        }
    }

    /**
     * The loop breaker's defaults against this crowd: the most distinct proformas one person changed
     * within the window (the whole run is inside it) and the trips and refusals, which must be none.
     * Then the suite's limit is back for the other tests of the JVM.
     */
    private void loopBreaker(BenchReport report, List<SaveAttempt> attempts) {
        String limit = jdbc.sql("select max_proformas || ' proformas in ' || time_window from loop_breaker_setting")
                .query(String.class).single();
        int mostDistinct = jdbc.sql("""
                select coalesce(max(n), 0) from (select count(*) as n from loop_breaker_touch
                                                   where actor like 'load-%' group by db_user, actor) per_person
                """).query(Integer.class).single();
        long mostSaves = attempts.stream().collect(Collectors.groupingBy(SaveAttempt::user, Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElse(0);
        int trips = jdbc.sql("select count(*) from loop_breaker_trip where actor like 'load-%'")
                .query(Integer.class).single();
        long refused = attempts.stream().filter(a -> a.told() != null && a.told().contains("Countersign breaker")).count();
        report.setup("loop breaker", limit + " per person (database role and signed-in person), as shipped");
        report.value("loop breaker: most saves by one person in the run", mostSaves, "saves");
        report.value("loop breaker: most distinct proformas one person changed in the window", mostDistinct,
                "proformas");
        report.value("loop breaker: false trips", trips, "trips").atMost(0);
        report.value("loop breaker: saves refused by the breaker", refused, "saves").atMost(0);
        breakerLimit.clear();
        breakerLimit.liftForTheSuite("back to the suite's limit after LoadBenchmark");
    }

    /** Sessions left on the list (first page shown) and in an editor (opened from the list). */
    private void heapPerSession(BenchReport report, VaadinServlet servlet, int sessions) throws InterruptedException {
        int rows = jdbc.sql("select count(*) from proforma").query(Integer.class).single();
        if (rows < 60) {
            EditingCrowd.newProformas(proformas, 60 - rows);
        }
        long editorId = jdbc.sql("select max(id) from proforma").query(Long.class).single();
        var onList = SessionFootprint.measure(sessions, i -> {
            VaadinSession session = BrowserSessions.open(servlet, "heap-" + i, "STAFF");
            showList();
            return session;
        });
        var inEditor = SessionFootprint.measure(sessions, i -> {
            VaadinSession session = BrowserSessions.open(servlet, "heap-" + i, "STAFF");
            showList();
            UI.getCurrent().navigate("proformas/" + editorId);
            endOfResponse();
            return session;
        });
        report.setup("heap method", "GC.class_histogram (full GC, live objects) before and after opening "
                + sessions + " sessions, difference / sessions; list: first 50 rows requested as the browser does;"
                + " editor: opened from the list; pending UI changes collected after each step as a response does");
        report.setup("heap top classes per session, editor", inEditor.topClassesPerSession());
        report.setup("heap top classes per session, list", onList.topClassesPerSession());
        report.setup("heap top classes left per session after closing, editor", inEditor.topClassesLeftPerSession());
        report.value("heap per session: on the list", onList.bytesPerSession() / 1024, "KiB");
        report.value("heap per session: in the editor", inEditor.bytesPerSession() / 1024, "KiB");
        report.value("heap per session: list and editor in two tabs (sum)",
                (onList.bytesPerSession() + inEditor.bytesPerSession()) / 1024, "KiB").atMost(1024);
        report.value("heap left per session after the sessions were closed",
                Math.max(onList.leftPerSession(), inEditor.leftPerSession()) / 1024, "KiB");
        ComponentTracking.on();
        var tracked = SessionFootprint.measure(sessions, i -> {
            VaadinSession session = BrowserSessions.open(servlet, "heap-tracked-" + i, "STAFF");
            showList();
            UI.getCurrent().navigate("proformas/" + editorId);
            endOfResponse();
            return session;
        });
        report.value("heap per session: in the editor, development mode (component tracker on)",
                tracked.bytesPerSession() / 1024, "KiB");
    }

    /** The list as a browser shows it: the grid asks for its first rows, then the response is written. */
    @SuppressWarnings("rawtypes")
    private static void showList() {
        UI.getCurrent().navigate("proformas");
        Grid grid = _get(Grid.class);
        grid.getDataCommunicator().setRequestedRange(0, 50);
        endOfResponse();
    }

    /** What the end of a request does in a real server: run queued work and hand the changes to the client. */
    private static void endOfResponse() {
        MockVaadin.clientRoundtrip();
        UI.getCurrent().getInternals().getStateTree().collectChanges(change -> {});
    }

    private static Timing timing(List<SaveAttempt> attempts, Outcome outcome) {
        return new Timing(attempts.stream().filter(a -> a.outcome() == outcome).map(SaveAttempt::millis).toList());
    }

    private Map<Long, Integer> versions(List<Long> ids) {
        return ids.stream().collect(Collectors.toMap(Function.identity(), id -> jdbc
                .sql("select version from proforma where id = :id").param("id", id).query(Integer.class).single()));
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
