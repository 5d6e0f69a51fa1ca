package com.countersign.proforma;

import static com.countersign.support.Ui.button;
import static com.countersign.support.Ui.notificationTexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;

import com.countersign.proforma.SaveAttempt.Outcome;
import com.countersign.support.BrowserSessions;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.VaadinServlet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * People editing proformas at the same time, each in a Vaadin session of their own driving the real
 * editor view: open a proforma, type a note, press Save, and write down what the editor said. On a
 * conflict a person either keeps their typing (and saves it on top, knowing the other version) or
 * loads the other version; both are what the conflict dialog offers.
 */
public final class EditingCrowd {

    /** Someone at a keyboard, editing these proformas (one of them, picked at random, each round). */
    public record Person(String name, List<Long> proformas) {}

    private final VaadinServlet servlet;
    private final Duration duration;
    private final int maxThinkMillis;

    public EditingCrowd(VaadinServlet servlet, Duration duration, int maxThinkMillis) {
        this.servlet = servlet;
        this.duration = duration;
        this.maxThinkMillis = maxThinkMillis;
    }

    /** Proformas for a crowd to edit, each starting with the note "seed". */
    public static List<Long> newProformas(ProformaService service, int count) {
        Users.actAs("crowd-setup", "STAFF");
        try {
            return IntStream.range(0, count).mapToObj(i -> {
                ProformaContent c = Fixtures.content(Fixtures.uniqueCustomer("Crowd"));
                return service.create(new ProformaContent(c.customerName(), c.customerAddress(), c.customerVatId(),
                        c.issueDate(), c.validUntil(), c.currency(), c.status(), "seed", c.lines())).id();
            }).toList();
        } finally {
            Users.anonymous();
        }
    }

    /** Every person signs in and opens the list first; then all edit until the time is up. */
    public List<SaveAttempt> run(List<Person> people) throws InterruptedException {
        List<SaveAttempt> attempts = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch signedIn = new CountDownLatch(people.size());
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = IntStream.range(0, people.size()).mapToObj(i -> new Thread(() -> {
            Person person = people.get(i);
            boolean ready = false;
            try {
                BrowserSessions.open(servlet, person.name(), "STAFF");
                UI.getCurrent().navigate("proformas");
                ready = true;
                signedIn.countDown();
                go.await();
                new Editing(person, new Random(i), attempts).until(deadline[0]);
            } catch (Throwable e) {
                failures.add(new AssertionError(person.name() + " could not go on editing", e));
                if (!ready) {
                    signedIn.countDown();
                }
            }
        }, "editor-" + people.get(i).name())).toList();
        threads.forEach(Thread::start);
        if (!signedIn.await(5, TimeUnit.MINUTES)) {
            throw new AssertionError("Not everyone managed to sign in");
        }
        deadline[0] = System.nanoTime() + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join(duration.plusMinutes(2).toMillis());
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " simulated people failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
        return List.copyOf(attempts);
    }

    /** One person's rounds of editing, on the thread that holds their session. */
    private final class Editing {

        private final Person person;
        private final Random random;
        private final List<SaveAttempt> attempts;
        private long open = -1;
        private String base;
        private int typed;

        Editing(Person person, Random random, List<SaveAttempt> attempts) {
            this.person = person;
            this.random = random;
            this.attempts = attempts;
        }

        void until(long deadline) throws InterruptedException {
            while (System.nanoTime() < deadline) {
                long target = person.proformas().get(random.nextInt(person.proformas().size()));
                if (target != open) {
                    UI.getCurrent().navigate("proformas/" + target);
                    // kept typing after a conflict and then moved on: the editor asks, the person discards it
                    _find(ConfirmDialog.class).forEach(ConfirmDialogKt::_fireConfirm);
                    open = target;
                    base = SaveAttempt.tokenOf(notes().getValue());
                }
                if (maxThinkMillis > 0) {
                    Thread.sleep(random.nextInt(maxThinkMillis + 1));
                }
                saveOnce(target);
            }
        }

        private void saveOnce(long target) {
            String token = person.name() + "#" + (++typed);
            _setValue(notes(), SaveAttempt.note(token, base));
            NotificationsKt.clearNotifications();
            long start = System.nanoTime();
            _click(button("Save"));
            double millis = (System.nanoTime() - start) / 1e6;
            Optional<Dialog> conflict = _find(Dialog.class).stream()
                    .filter(d -> "Someone else saved this proforma".equals(d.getHeaderTitle()))
                    .findFirst();
            List<String> told = notificationTexts();
            if (conflict.isPresent()) {
                String theirs = SaveAttempt.tokenOf(theirNotes(conflict.get()));
                attempts.add(new SaveAttempt(person.name(), target, token, base, Outcome.CONFLICT, theirs,
                        conflict.get().getHeaderTitle(), millis));
                if (random.nextBoolean()) {
                    _click(button("Keep my changes"));
                    base = theirs;
                } else {
                    _click(button("Discard mine, load theirs"));
                    base = SaveAttempt.tokenOf(notes().getValue());
                }
            } else if (told.stream().anyMatch(t -> t.endsWith(" saved."))) {
                attempts.add(new SaveAttempt(person.name(), target, token, base, Outcome.SAVED, null,
                        String.join(" | ", told), millis));
                base = token;
            } else {
                attempts.add(new SaveAttempt(person.name(), target, token, base, Outcome.UNREPORTED, null,
                        String.join(" | ", told), millis));
                // start over from what is stored, as a person would after an unexplained failure
                open = -1;
            }
        }

        private static TextArea notes() {
            return _get(TextArea.class, spec -> spec.withLabel("Notes"));
        }

        /** The conflict dialog lists each differing field; the note always differs, the tokens being unique. */
        @SuppressWarnings("unchecked")
        private static String theirNotes(Dialog dialog) {
            Grid<Object> differences = _get(dialog, Grid.class);
            return IntStream.range(0, GridKt._size(differences))
                    .mapToObj(row -> GridKt._getFormattedRow(differences, row))
                    .filter(cells -> cells.get(0).equals("Notes"))
                    .map(cells -> cells.get(1))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("The conflict dialog did not show the other note"));
        }
    }
}
