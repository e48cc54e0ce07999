package io.cadenza.api.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dev stack ({@code ./cadenza run}: the application with its embedded PostgreSQL, Redis and Hardhat node) is
 * killed with {@code kill -9}: within seconds nothing of it is left listening, and PostgreSQL's data directory is gone.
 */
class DevStackKillTest {
    private static final Pattern DATA_DIRECTORY = Pattern.compile("embedded PostgreSQL on .* \\(data in (.+)\\)");
    private static final Pattern SERVICE_PORT = Pattern.compile(
            "(embedded PostgreSQL on |embedded Redis on |Hardhat node ready at http://)127\\.0\\.0\\.1:(\\d+)");

    @Test
    void killingTheDevStackWithSigkillLeavesNoServiceRunning() throws Exception {
        int httpPort = freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dmicronaut.server.port=" + httpPort,
                "-Dcadenza.dev.log-directory=" + Files.createTempDirectory("dev-logs"),
                "-cp", System.getProperty("java.class.path"), "io.cadenza.api.Application");
        Process application = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // killed
            }
        });
        List<Integer> servicePorts = new ArrayList<>();
        List<Path> dataDirectories = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                assertThat(application.isAlive()).as(String.join("\n", output)).isTrue();
                return listening(httpPort);
            });
            synchronized (output) {
                for (String line : output) {
                    Matcher service = SERVICE_PORT.matcher(line);
                    if (service.find()) {
                        servicePorts.add(Integer.parseInt(service.group(2)));
                    }
                    Matcher data = DATA_DIRECTORY.matcher(line);
                    if (data.find()) {
                        dataDirectories.add(Path.of(data.group(1)));
                    }
                }
            }
            assertThat(servicePorts).as("PostgreSQL, Redis and the node: " + output).hasSize(3);
            assertThat(servicePorts).allMatch(DevStackKillTest::listening);
            assertThat(dataDirectories).hasSize(1).allMatch(Files::isDirectory);
        } finally {
            application.destroyForcibly(); // SIGKILL: no shutdown hook runs
            application.waitFor(30, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(servicePorts).noneMatch(DevStackKillTest::listening);
                    assertThat(dataDirectories).noneMatch(Files::exists);
                });
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
