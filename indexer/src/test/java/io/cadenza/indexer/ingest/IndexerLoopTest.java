package io.cadenza.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.notify.IndexChangeListener;
import io.cadenza.indexer.notify.RedisChangePublisher;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import io.cadenza.indexer.testing.TestDatabases;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.embedded.RedisServer;

/** The background loop: one leader per chain under an advisory lock, and a Redis message after each commit. */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexerLoopTest {
    private TestServices services;
    private DeployedSuite suite;
    private SuiteActions actions;
    private Offering offering;
    private RedisServer redisServer;
    private RedisClient redisClient;

    @BeforeAll
    void start(TestServices services) throws Exception {
        this.services = services;
        suite = DeployedSuite.on(services);
        actions = new SuiteActions(suite);
        offering = actions.launch(HardhatNode.devAccount(1), 1_000);
        actions.buy(HardhatNode.devAccount(2), offering, 100);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redisServer = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"").build();
        redisServer.start();
        redisClient = RedisClient.create("redis://127.0.0.1:" + port);
    }

    @AfterAll
    void stop() throws IOException {
        redisClient.shutdown();
        redisServer.stop();
        suite.close();
    }

    @Test
    void aStandbyTakesOverWithinSecondsWhenTheLeaderStops() throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(services)) {
            IndexerLoop first = loopOn(db, IndexChangeListener.NONE);
            IndexerLoop second = loopOn(db, IndexChangeListener.NONE);
            try (first; second) {
                first.start();
                await().atMost(Duration.ofSeconds(10)).until(first::isLeading);
                second.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> indexedBlock(db) == actions.head());
                assertThat(second.isLeading()).isFalse();

                first.close();
                await().atMost(Duration.ofSeconds(5)).until(second::isLeading);
                actions.transfer(HardhatNode.devAccount(2), offering, HardhatNode.devAccount(3), 9);
                await().atMost(Duration.ofSeconds(10)).until(() -> indexedBlock(db) == actions.head());
            }
        }
    }

    @Test
    void eachCommitIsPublishedOnTheChainsRedisChannelWithWhatChanged() throws Exception {
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        StatefulRedisPubSubConnection<String, String> subscriber = redisClient.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                try {
                    messages.add(mapper.readTree(message));
                } catch (IOException unreadable) {
                    throw new IllegalStateException(unreadable);
                }
            }
        });
        subscriber.sync().subscribe(RedisChangePublisher.channelOf(suite.manifest().chainId()));
        try (StatefulRedisConnection<String, String> publisher = redisClient.connect();
                HikariDataSource db = TestDatabases.fresh(services);
                IndexerLoop loop = loopOn(db, new RedisChangePublisher(publisher))) {
            loop.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> indexedBlock(db) == actions.head());
            messages.clear();
            actions.transfer(HardhatNode.devAccount(2), offering, HardhatNode.devAccount(4), 3);
            long block = actions.head();
            await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream()
                    .anyMatch(message -> message.path("toBlock").asLong() == block));
            JsonNode change = messages.stream().filter(message -> message.path("toBlock").asLong() == block)
                    .findFirst().orElseThrow();
            assertThat(change.path("kind").asText()).isEqualTo("INDEXED");
            assertThat(change.path("transfers").asInt()).isEqualTo(1);
            assertThat(change.path("tokens").toString()).contains(offering.shares());
        } finally {
            subscriber.close();
        }
    }

    private IndexerLoop loopOn(HikariDataSource db, IndexChangeListener listener) {
        IndexerHarness harness = IndexerHarness.on(db, services.hardhatNode().rpcUrl(), suite,
                IndexerHarness.testConfiguration(), IndexFaults.NONE, listener);
        return new IndexerLoop(harness.indexer(), db, Duration.ofMillis(20));
    }

    private static long indexedBlock(HikariDataSource db) throws Exception {
        try (Connection connection = db.getConnection();
                ResultSet row = connection.createStatement().executeQuery(
                        "select coalesce(max(indexed_block), -1) from idx_chain")) {
            row.next();
            return row.getLong(1);
        }
    }
}
