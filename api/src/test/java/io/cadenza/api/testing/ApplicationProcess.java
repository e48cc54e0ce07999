package io.cadenza.api.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as a process of its own, on this test JVM's classpath (the dev services with it), configured by
 * system properties: for tests of what happens to a real process (killed, terminated).
 */
public record ApplicationProcess(Process process, URI uri, List<String> output) {
    public static final Duration START_MAX = Duration.ofSeconds(90);

    /** Starts it with {@code configured} and {@code extra}, on a free port unless they name one; waits until it answers. */
    public static ApplicationProcess start(Map<String, Object> configured, Map<String, String> extra) throws Exception {
        Map<String, Object> settings = new java.util.HashMap<>(configured);
        // A port of its own, known before it starts: -1 (Micronaut's "any") would leave it unknown to the test.
        if (String.valueOf(settings.getOrDefault("micronaut.server.port", -1)).equals("-1")) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                settings.put("micronaut.server.port", socket.getLocalPort());
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        extra.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cadenza.api.Application"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
        ApplicationProcess application = new ApplicationProcess(process,
                URI.create("http://127.0.0.1:" + settings.get("micronaut.server.port")), output);
        application.awaitAnswering(START_MAX);
        return application;
    }

    /** Until the HTTP server answers at all (the logs of a test classpath say little). */
    public void awaitAnswering(Duration max) throws InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited: " + String.join("\n", output));
            }
            try {
                http.send(java.net.http.HttpRequest.newBuilder(uri.resolve("/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the application did not answer within " + max + ": "
                + String.join("\n", output));
    }

    public String awaitLine(java.util.function.Predicate<String> wanted, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                for (; seen < output.size(); seen++) {
                    if (wanted.test(output.get(seen))) {
                        return output.get(seen);
                    }
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited: " + String.join("\n", output));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no such line within " + max + ": " + String.join("\n", output));
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no answer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orchestrator stops a container: the application shuts down gracefully. */
    public void terminate() {
        process.destroy();
    }
}
