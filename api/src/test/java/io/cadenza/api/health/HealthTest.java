package io.cadenza.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.devservices.DevChainNode;
import io.cadenza.api.devservices.EmbeddedPostgresService;
import io.cadenza.api.devservices.EmbeddedRedisService;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.HealthProbe;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.devnode.ContractsProject;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.cadenza.jobs.background.JobsDashboard;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServicesExtension.class)
class HealthTest {
    @Test
    void withEveryUrlConfiguredItStartsNothingAndReportsEachDependency(TestServices services) throws Exception {
        try (TestRedis redis = new TestRedis();
                EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                        ExternalServices.properties(services, redis.uri()))) {
            ApplicationContext context = server.getApplicationContext();
            assertThat(context.containsBean(EmbeddedPostgresService.class)).isFalse();
            assertThat(context.containsBean(EmbeddedRedisService.class)).isFalse();
            assertThat(context.containsBean(DevChainNode.class)).isFalse();

            HttpResponse<String> health = HealthProbe.get(server.getURI(), HealthProbe.adminToken(server.getURI()));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"database\"").contains("\"redis\"").contains("\"chain\"")
                    .contains("\"chainId\":31337");
            assertThat(componentStatus(health.body(), "jobs")).isEqualTo("UP");
            assertThat(health.body()).contains("\"server\":\"running\"")
                    .contains("off (set cadenza.jobs.dashboard.password to serve it)");
        }
    }

    @Test
    void listsTheJobsDashboardServedOnLoopbackBehindItsPassword(TestServices services) throws Exception {
        try (TestRedis redis = new TestRedis()) {
            java.util.Map<String, Object> properties = new java.util.HashMap<>(
                    ExternalServices.properties(services, redis.uri()));
            properties.put("cadenza.jobs.dashboard.password", "dashboard secret");
            properties.put("cadenza.jobs.dashboard.port", 0);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                String dashboard = server.getApplicationContext().getBean(JobsDashboard.class).address();
                assertThat(dashboard).startsWith("http://127.0.0.1:");
                HttpResponse<String> health = HealthProbe.get(server.getURI(), HealthProbe.adminToken(server.getURI()));
                assertThat(health.body()).contains("\"dashboard\":\"" + dashboard + "\"")
                        .doesNotContain("dashboard secret");
                HttpClient client = HttpClient.newHttpClient();
                assertThat(client.send(HttpRequest.newBuilder(java.net.URI.create(dashboard)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
                String credentials = java.util.Base64.getEncoder().encodeToString(
                        "admin:dashboard secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(client.send(HttpRequest.newBuilder(java.net.URI.create(dashboard + "/"))
                        .header("Authorization", "Basic " + credentials).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void reportsDownWithServiceUnavailableWhenRedisAndTheChainGoAway(TestServices services) throws Exception {
        HardhatNode ownNode = HardhatNode.start(ContractsProject.locate(), Path.of("target", "hardhat-node-health.log"));
        try (TestRedis redis = new TestRedis();
                EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                        ExternalServices.properties(services, redis.uri(), ownNode.rpcUrl()))) {
            assertThat(HealthProbe.get(server.getURI()).statusCode()).isEqualTo(200);
            String admin = HealthProbe.adminToken(server.getURI()); // before Redis goes: logging in needs it

            redis.stop();
            ownNode.close();

            // Measured at most once a second: the answer of a moment ago may still be served.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> HealthProbe.get(server.getURI(), admin).statusCode() == 503);
            HttpResponse<String> health = HealthProbe.get(server.getURI(), admin);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"");
            assertThat(componentStatus(health.body(), "redis")).isEqualTo("DOWN");
            assertThat(componentStatus(health.body(), "chain")).isEqualTo("DOWN");
            assertThat(componentStatus(health.body(), "database")).isEqualTo("UP");
        } finally {
            ownNode.close();
        }
    }

    /** The status of one component in a /health body, e.g. "redis":{"name":…,"status":"DOWN",…}. */
    private static String componentStatus(String body, String component) {
        int start = body.indexOf("\"" + component + "\":{");
        assertThat(start).as(component + " in " + body).isNotNegative();
        int status = body.indexOf("\"status\":\"", start) + "\"status\":\"".length();
        return body.substring(status, body.indexOf('"', status));
    }
}
