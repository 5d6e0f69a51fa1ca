package com.countersign.bench;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.server.VaadinSession;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * What the heap keeps per open Vaadin session. Opens N sessions, each on a short-lived thread of its
 * own (Karibu's thread-locals die with it, as a request thread lets go of a session), leaves each as a
 * person would, and compares class histograms of the live heap before and after: the JVM's
 * {@code GC.class_histogram} runs a full collection first, so only what the sessions retain is
 * counted. Then the sessions are let go and the heap is counted again, which would show a leak.
 */
final class SessionFootprint {

    /** Bytes per session while open, what stayed after they were let go, and the classes that grew most. */
    record Result(int sessions, double bytesPerSession, double leftPerSession, Map<String, Long> topClassesPerSession,
            Map<String, Long> topClassesLeftPerSession) {}

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    private SessionFootprint() {}

    /** {@code open} opens the i-th session on the calling thread and leaves it as a person would. */
    static Result measure(int sessions, IntFunction<VaadinSession> open) throws InterruptedException {
        List<VaadinSession> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(onOwnThread(open, -1 - i)); // warm-up: lazily built caches are not a session's cost
        }
        close(held);
        histogram(); // a first full GC lets go of what earlier work left to weak and soft references
        Map<String, Long> before = histogram();
        for (int i = 0; i < sessions; i++) {
            held.add(onOwnThread(open, i));
        }
        Map<String, Long> whileOpen = histogram();
        close(held);
        Map<String, Long> after = histogram();
        return new Result(sessions, (double) (whileOpen.get(TOTAL) - before.get(TOTAL)) / sessions,
                (double) (after.get(TOTAL) - before.get(TOTAL)) / sessions, grown(before, whileOpen, sessions),
                grown(before, after, sessions));
    }

    /** The classes that grew most between two histograms, in bytes per session. */
    private static Map<String, Long> grown(Map<String, Long> from, Map<String, Long> to, int sessions) {
        Map<String, Long> top = new LinkedHashMap<>();
        to.entrySet().stream()
                .filter(e -> !e.getKey().equals(TOTAL))
                .map(e -> Map.entry(e.getKey(), e.getValue() - from.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(12)
                .forEach(e -> top.put(e.getKey(), e.getValue() / sessions));
        return top;
    }

    /** As when the HTTP session expires: the service closes the session and detaches its UIs. */
    private static void close(List<VaadinSession> sessions) throws InterruptedException {
        for (VaadinSession session : sessions) {
            onOwnThread(i -> {
                // Karibu replaces a closed session with a fresh one (a browser reloading after logout)
                // unless it is closing the session itself; here the session expires, nobody reloads
                ThreadLocal<Boolean> karibuClosing = karibuClosingSession();
                karibuClosing.set(true);
                try {
                    session.getService().fireSessionDestroy(session);
                } finally {
                    karibuClosing.remove();
                }
                return null;
            }, 0);
        }
        sessions.clear();
    }

    @SuppressWarnings("unchecked")
    private static ThreadLocal<Boolean> karibuClosingSession() {
        try {
            Field field = MockVaadin.class.getDeclaredField("currentlyClosingSession");
            field.setAccessible(true);
            return (ThreadLocal<Boolean>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Karibu's MockVaadin changed; update the benchmark", e);
        }
    }

    /** The request thread lets go of the session's lock and its thread-locals, as at the end of a request. */
    private static VaadinSession onOwnThread(IntFunction<VaadinSession> open, int i) throws InterruptedException {
        VaadinSession[] session = new VaadinSession[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread thread = new Thread(() -> {
            try {
                session[0] = open.apply(i);
                if (session[0] != null) {
                    session[0].unlock();
                }
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "session-" + i);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return session[0];
    }

    private static final String TOTAL = "(total)";

    /** Bytes of live objects per class, after a full GC. */
    static Map<String, Long> histogram() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (Exception e) {
            throw new IllegalStateException("This JVM cannot print a class histogram", e);
        }
        Map<String, Long> bytes = new HashMap<>();
        long total = 0;
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                long b = Long.parseLong(m.group(2));
                bytes.merge(m.group(3), b, Long::sum);
                total += b;
            }
        }
        bytes.put(TOTAL, total);
        return bytes;
    }
}
