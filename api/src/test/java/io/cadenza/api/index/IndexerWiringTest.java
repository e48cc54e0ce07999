package io.cadenza.api.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.HealthProbe;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.chain.outbox.TransactionSenderLoop;
import io.cadenza.indexer.ingest.IndexerLoop;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The application indexes its chain from start-up, checks its index against the chain, and exports the meters. */
@ExtendWith(TestServicesExtension.class)
class IndexerWiringTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void indexesTheDeployedSuiteAndReportsTheIndexConsistentWithTheChain(TestServices services) throws Exception {
        Map<String, Object> properties = ExternalServices.properties(services, URI.create("redis://unused"));
        try (TestRedis redis = new TestRedis()) {
            properties.put("cadenza.redis.uri", redis.uri().toString());
            properties.put("endpoints.index-consistency.sensitive", false);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                ApplicationContext context = server.getApplicationContext();
                long head = context.getBean(io.cadenza.chain.connection.ChainConnection.class).blockNumber()
                        .longValueExact();
                long chainId = context.getBean(DeploymentManifest.class).chainId();
                await().atMost(Duration.ofSeconds(30)).until(() -> indexedBlock(services, chainId) >= head);

                HttpResponse<String> consistency = get(server.getURI().resolve("/index-consistency"));
                assertThat(consistency.statusCode()).isEqualTo(200);
                assertThat(consistency.body()).contains("\"consistent\":true").contains("\"chainId\":" + chainId);

                HttpResponse<String> metrics = get(server.getURI().resolve("/prometheus"));
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("cadenza_indexer_head_lag_blocks");
            }
        }
    }

    @Test
    void anIndexerThatCannotAdvanceIsDownOnHealthWithItsReasonAndOnTheHaltedGauge(TestServices services)
            throws Exception {
        try (TestRedis redis = new TestRedis();
                EmbeddedServer server = ExternalServices.application(services, redis.uri(),
                        Map.of("cadenza.indexer.local-chain", false))) {
            String admin = HealthProbe.adminToken(server.getURI());
            HttpResponse<String> healthy = HealthProbe.get(server.getURI(), admin);
            assertThat(healthy.body()).contains("\"indexer\":{").contains("\"outbox\":{").contains("\"halted\":false");

            // hardhat_mine's skipped blocks name no parent: on a chain not followed as local, that halts the indexer.
            new HardhatControl(services.hardhatNode().rpcUrl()).mineAtOnce(20);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(server.getURI().resolve("/health")).statusCode() == 503);
            String health = HealthProbe.get(server.getURI(), admin).body();
            assertThat(health).contains("\"halted\":true").contains("zero parent hash").contains("\"needsOperator\":true");
            assertThat(get(server.getURI().resolve("/prometheus")).body())
                    .containsPattern("cadenza_indexer_halted\\{chain=\"31337\"[^}]*\\} 1\\.0")
                    .containsPattern("cadenza_outbox_stalled\\{account=\"0x[0-9a-f]{40}\"[^}]*\\} 0\\.0");
        }
    }

    @Test
    void anInstanceWithTheApiRoleAloneNeitherIndexesNorSends(TestServices services) throws Exception {
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> properties = ExternalServices.properties(services, redis.uri());
            properties.put("cadenza.roles", "api");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                ApplicationContext context = server.getApplicationContext();
                assertThat(context.getBeansOfType(IndexerLoop.class)).isEmpty();
                assertThat(context.getBeansOfType(TransactionSenderLoop.class)).isEmpty();
                assertThat(get(server.getURI().resolve("/health")).statusCode()).isEqualTo(200);
            }
            properties.put("cadenza.roles", "api,bookkeeping");
            assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties).close())
                    .hasStackTraceContaining("unknown role 'bookkeeping'");
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long indexedBlock(TestServices services, long chainId) throws Exception {
        try (Connection connection = services.dataSource().getConnection();
                ResultSet row = connection.createStatement().executeQuery(
                        "select coalesce(max(indexed_block), -1) from idx_chain where chain_id = " + chainId)) {
            row.next();
            return row.getLong(1);
        }
    }
}
