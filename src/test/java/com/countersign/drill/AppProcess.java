package com.countersign.drill;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application as a real separate JVM (the test classpath, main class {@code Application}),
 * against the drill's database, with its async executor running. It can be killed with SIGKILL.
 */
final class AppProcess {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static AppProcess start(String jdbcUrl, Path log, List<String> extraArguments) {
        int port = DrillPostgres.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-cp");
        command.add(testClassPath());
        command.add("com.countersign.Application");
        command.add("--server.port=" + port);
        command.add("--spring.datasource.url=" + jdbcUrl);
        command.add("--spring.datasource.username=" + DrillPostgres.USER);
        command.add("--countersign.demo.enabled=false");
        command.add("--spring.jmx.enabled=false");
        command.add("--vaadin.devmode.devTools.enabled=false");
        command.addAll(extraArguments);
        try {
            log.getParent().toFile().mkdirs();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new AppProcess(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the application JVM", e);
        }
    }

    /** Surefire runs tests from a manifest-only jar; the real classpath is in its own property. */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path");
        if (classPath == null || classPath.isBlank()) {
            classPath = System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, classPath.split(File.pathSeparator));
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no unlocking of its Flowable jobs, connections cut. */
    void kill9() throws IOException, InterruptedException {
        Runtime.getRuntime().exec(new String[] {"kill", "-9", Long.toString(process.pid())}).waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The application " + process.pid() + " survived kill -9");
        }
    }

    /** A normal shutdown (SIGTERM), forced after a minute. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The body of /actuator/health, or null while nothing answers. */
    String health() {
        return health(port);
    }

    static String health(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static boolean up(String health) {
        return health != null && health.startsWith("{\"status\":\"UP\"");
    }
}
