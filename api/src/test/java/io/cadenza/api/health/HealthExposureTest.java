package io.cadenza.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.HealthProbe;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.testing.FaultyRpcProxy;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /health tells anyone the status and only admins the details; it is measured at most once a second, so that a
 * flood of health requests does not become a flood of node calls; and it is rate-limited per IP like the API.
 */
@ExtendWith(TestServicesExtension.class)
class HealthExposureTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anyoneSeesTheStatusAdminsTheDetailsAndAFloodCostsTheNodeOneCallASecond(TestServices services)
            throws Exception {
        try (TestRedis redis = new TestRedis();
                FaultyRpcProxy node = new FaultyRpcProxy(services.hardhatNode().rpcUrl(), 1);
                EmbeddedServer server = ExternalServices.application(services, redis.uri(), Map.of(
                        "cadenza.chain.rpc-url", node.url().toString(),
                        "cadenza.rate-limits.trust-forwarded-for", true,
                        "cadenza.rate-limits.per-ip", 10))) {
            URI uri = server.getURI();
            HttpResponse<String> anonymous = health(uri, "203.0.113.1", null);
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).isEqualTo("{\"status\":\"UP\"}");

            String admin = HealthProbe.adminToken(uri);
            HttpResponse<String> detailed = health(uri, "203.0.113.2", admin);
            assertThat(detailed.body()).contains("\"database\"").contains("\"redis\"").contains("\"chain\"")
                    .contains("masterRegistry");
            String investor = new io.cadenza.api.testing.ApiClient(uri).signUp("INVESTOR").accessToken();
            assertThat(health(uri, "203.0.113.3", investor).body()).isEqualTo("{\"status\":\"UP\"}");

            int nodeCallsBefore = node.requestsFor("eth_getCode");
            long started = System.nanoTime();
            for (int request = 0; request < 40; request++) {
                assertThat(health(uri, "198.51.100." + request, null).statusCode()).isEqualTo(200);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(node.requestsFor("eth_getCode") - nodeCallsBefore).as("node calls for 40 requests in %.1f s",
                    seconds).isLessThanOrEqualTo((int) Math.ceil(seconds) + 1);

            for (int request = 0; request < 10; request++) {
                health(uri, "192.0.2.77", null);
            }
            HttpResponse<String> limited = health(uri, "192.0.2.77", null);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private static HttpResponse<String> health(URI uri, String ip, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve("/health")).header("X-Forwarded-For", ip);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
