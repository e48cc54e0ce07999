package io.cadenza.api.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.api.events.AccountEvents;
import io.cadenza.api.index.IndexFreshnessHeaders;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.ApplicationCommand;
import io.cadenza.api.testing.ApplicationProcess;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ChainActions;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.SseStream;
import io.cadenza.api.testing.SseStream.SseEvent;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.ProjectionDump;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reorg deeper than the finality depth, against a real application process: its indexer halts, and says so
 * everywhere (/health, the halted gauge, the headers and the {@code index} field of index reads). The recovery
 * command, run as a process of its own while the application runs, rewinds the index; the application's indexer
 * rebuilds it, and it then equals a fresh index of the chain; the purchase from the removed blocks is retracted on the
 * open event stream, and holdings and /health are back to current.
 */
@ExtendWith(TestApplication.Extension.class)
class DeepReorgRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = CatalogFixtures.CHAIN_WAIT;
    private static final BigInteger PRICE = new BigInteger(CatalogFixtures.PRICE_PER_SHARE);
    /** Four blocks of finality: a branch of ten is deeper than the indexer follows by itself. */
    private static final int FINALITY_DEPTH = 4;
    private static final Pattern HALTED = Pattern.compile("cadenza_indexer_halted\\{[^}]*} 1\\.0");

    @Test
    void aReorgDeeperThanFinalityIsSignalledEverywhereAndTheRecoveryCommandRestoresTheIndexAndTheEvents(
            TestApplication shared, TestServices services) throws Exception {
        ChainActions chain = new ChainActions(shared);
        DeploymentManifest deployed = shared.context().getBean(DeploymentManifest.class);
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> settings = ExternalServices.attachedApplication(services, redis.uri(), deployed);
            settings.put("cadenza.indexer.finality-depth", FINALITY_DEPTH);
            ApplicationProcess application = ApplicationProcess.start(settings, Map.of());
            try {
                ApiClient api = new ApiClient(application.uri());
                CatalogFixtures catalog = new CatalogFixtures(api);
                Session artist = catalog.artist();
                String sale = catalog.liveOffering(artist, 1_000).get("saleAddress").asText();
                Session investor = api.signUp("INVESTOR");
                TestWallet wallet = chain.fundedWallet();
                api.linkWallet(investor, wallet);
                chain.buy(wallet, sale, 5, PRICE); // stays: it is below the fork
                chain.payFor(wallet, sale, 10, PRICE);
                awaitOutboxIdle(shared);
                await().atMost(WAIT).until(() -> sharesHeld(api, investor) == 5);

                try (SseStream events = new SseStream(application.uri().resolve("/v1/events"),
                        investor.accessToken(), null)) {
                    String beforeFork = chain.hardhat().snapshot();
                    chain.buyPaidFor(wallet, sale, 10);
                    chain.hardhat().mine(2 * FINALITY_DEPTH);
                    SseEvent orphaned = await().atMost(WAIT).until(() -> named(events, "purchase.confirmed"),
                            found -> found.size() == 1).getFirst();
                    await().atMost(WAIT).until(() -> sharesHeld(api, investor) == 15);

                    chain.hardhat().revert(beforeFork);
                    chain.hardhat().mine(3 * FINALITY_DEPTH); // a longer branch without the purchase

                    // Halted, and said everywhere.
                    await().atMost(WAIT).until(() -> health(api).status() == 503);
                    JsonNode indexer = health(api).json().get("details").get("indexer");
                    assertThat(indexer.get("details").get("halted").asBoolean()).isTrue();
                    assertThat(indexer.get("details").get("reason").asText()).contains("finality");
                    assertThat(api.get("/prometheus", null).raw().body()).containsPattern(HALTED);
                    await().atMost(WAIT).until(() -> holdings(api, investor).header(IndexFreshnessHeaders.STATUS),
                            "halted"::equals);
                    Answer stale = holdings(api, investor);
                    assertThat(stale.json().get("index").get("status").asText()).isEqualTo("halted");
                    assertThat(stale.json().get("index").get("stale").asBoolean()).isTrue();
                    assertThat(stale.json().get("index").get("haltedSince").asText()).isNotBlank();
                    assertThat(sharesHeld(api, investor)).as("still the orphaned branch").isEqualTo(15);

                    ApplicationCommand recovery = reindex((String) settings.get("cadenza.database.url"), services);
                    assertThat(recovery.exitCode()).as(recovery.toString()).isZero();
                    JsonNode summary = JSON.readTree(recovery.lastLine());
                    assertThat(summary.get("recovered").asBoolean()).isTrue();
                    assertThat(summary.get("firstOrphanedBlock").asLong())
                            .isEqualTo(JSON.readTree(orphaned.data()).get("blockNumber").asLong());
                    assertThat(summary.get("consistency").get("consistent").asBoolean()).isTrue();

                    // Repaired: the index equals a fresh one, reads are current, the stream retracts the purchase.
                    await().atMost(WAIT).until(() -> health(api).status() == 200);
                    await().atMost(WAIT).until(() -> sharesHeld(api, investor) == 5);
                    assertThat(holdings(api, investor).header(IndexFreshnessHeaders.STATUS)).isEqualTo("current");
                    SseEvent retraction = await().atMost(WAIT).until(() -> named(events, AccountEvents.RETRACTED),
                            found -> found.size() == 1).getFirst();
                    JsonNode retracted = JSON.readTree(retraction.data());
                    assertThat(retracted.get("eventId").asText()).isEqualTo(orphaned.id());
                    assertThat(retracted.get("type").asText()).isEqualTo("purchase.confirmed");
                    assertThat(named(events, "purchase.confirmed")).hasSize(1);
                    assertThat(api.get("/prometheus", null).raw().body()).doesNotContainPattern(HALTED);
                    assertEqualsAFreshIndex(services, deployed, (String) settings.get("cadenza.database.url"));
                }
            } finally {
                application.kill();
            }
        }
    }

    /** {@code reindex}, configured by environment like the deployable. */
    private static ApplicationCommand reindex(String databaseUrl, TestServices services) throws Exception {
        return ApplicationCommand.run(Map.of("CADENZA_DATABASE_URL", databaseUrl,
                "CADENZA_CHAIN_RPC_URL", services.hardhatNode().rpcUrl().toString(),
                "CADENZA_INDEXER_FINALITY_DEPTH", Integer.toString(FINALITY_DEPTH)), "reindex");
    }

    private static void assertEqualsAFreshIndex(TestServices services, DeploymentManifest deployed, String databaseUrl)
            throws Exception {
        try (IndexerHarness fresh = IndexerHarness.fresh(services, deployed);
                com.zaxxer.hikari.HikariDataSource recovered = new com.zaxxer.hikari.HikariDataSource()) {
            fresh.catchUp();
            recovered.setJdbcUrl(databaseUrl);
            recovered.setMaximumPoolSize(2);
            // The application indexes up to the same head; both dumps are of the chain as it stands now.
            await().atMost(WAIT).untilAsserted(() -> {
                fresh.catchUp();
                assertThat(ProjectionDump.of(recovered, deployed.chainId())).isEqualTo(fresh.dump());
            });
        }
    }

    /** As an admin sees it, with the components' details. */
    private static Answer health(ApiClient api) {
        return api.get("/health", api.admin().accessToken());
    }

    private static Answer holdings(ApiClient api, Session investor) {
        return api.get("/v1/me/holdings", investor.accessToken());
    }

    private static long sharesHeld(ApiClient api, Session investor) {
        long shares = 0;
        for (JsonNode holding : holdings(api, investor).json().get("data")) {
            shares += holding.get("shares").asLong();
        }
        return shares;
    }

    private static List<SseEvent> named(SseStream events, String name) {
        return events.events().stream().filter(event -> name.equals(event.name())).toList();
    }

    /** Nothing the shared application sent may sit in the branch the test throws away. */
    private static void awaitOutboxIdle(TestApplication shared) {
        TransactionOutbox outbox = shared.context().getBean(TransactionOutbox.class);
        await().atMost(WAIT).until(() -> List.of(TransactionStatus.PENDING, TransactionStatus.SIGNED,
                TransactionStatus.BROADCAST).stream().allMatch(status -> outbox.page(status, Long.MAX_VALUE, 1)
                        .isEmpty()));
    }
}
