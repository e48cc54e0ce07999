package io.cadenza.api.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.ApplicationProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        // No service URL: the application starts its own, as ./cadenza run does.
        ApplicationProcess application = ApplicationProcess.start(
                Map.of("cadenza.dev.log-directory", Files.createTempDirectory("dev-logs")), Map.of());
        List<Integer> servicePorts = new ArrayList<>();
        List<Path> dataDirectories = new ArrayList<>();
        try {
            synchronized (application.output()) {
                for (String line : application.output()) {
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
            assertThat(servicePorts).as("PostgreSQL, Redis and the node: " + application.output()).hasSize(3);
            assertThat(servicePorts).allMatch(DevStackKillTest::listening);
            assertThat(dataDirectories).hasSize(1).allMatch(Files::isDirectory);
        } finally {
            application.kill(); // SIGKILL: no shutdown hook runs
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
}
