package io.cadenza.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.query.IndexFreshness.Freshness;
import io.cadenza.indexer.query.IndexFreshness.Status;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.store.IndexStore;
import io.cadenza.indexer.testing.IndexerHarness;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Index reads say how current they are: lagging beyond the bound, halted (as recorded for every instance), unknown
 * when the node does not answer, current otherwise. Measured against a real node and index, nothing remembered.
 */
@ExtendWith(TestServicesExtension.class)
class IndexFreshnessTest {
    private static final int BOUND = 5;

    @Test
    void whileOneCallerWaitsOnASlowNodeTheOthersAnswerTheLastMeasurement(TestServices services) throws Exception {
        try (DeployedSuite suite = DeployedSuite.on(services);
                IndexerHarness live = IndexerHarness.fresh(services, suite);
                io.cadenza.indexer.testing.FaultyRpcProxy node = new io.cadenza.indexer.testing.FaultyRpcProxy(
                        services.hardhatNode().rpcUrl(), 7)) {
            live.catchUp();
            IndexFreshness freshness = new IndexFreshness(
                    new IndexReader(StandaloneTransactions.over(live.dataSource())),
                    new RpcClient(node.url(), Duration.ofSeconds(30)), suite.manifest().chainId(), BOUND,
                    Duration.ofMillis(50), Clock.systemUTC());
            Freshness first = freshness.current();
            node.delays(1.0, Duration.ofSeconds(3));
            Thread.sleep(100); // the first measurement is old now
            java.util.concurrent.CompletableFuture<Freshness> measuring =
                    java.util.concurrent.CompletableFuture.supplyAsync(freshness::current);
            Thread.sleep(300); // it is waiting on the node
            assertThat(freshness.current()).as("answered without waiting in line").isEqualTo(first);
            assertThat(measuring).as("the slow measurement is still under way").isNotDone();
            assertThat(measuring.get()).isNotNull();
        }
    }

    @Test
    void lagBeyondTheBoundAndARecordedHaltMakeReadsStaleUntilTheIndexerCatchesUpAndAdvances(TestServices services)
            throws Exception {
        try (DeployedSuite suite = DeployedSuite.on(services);
                IndexerHarness live = IndexerHarness.fresh(services, suite)) {
            long chainId = suite.manifest().chainId();
            IndexReader reader = new IndexReader(StandaloneTransactions.over(live.dataSource()));
            IndexFreshness freshness = new IndexFreshness(reader,
                    new RpcClient(services.hardhatNode().rpcUrl(), Duration.ofSeconds(5)), chainId, BOUND,
                    Duration.ZERO, Clock.systemUTC());
            assertThat(freshness.current().status()).as("not indexed yet").isEqualTo(Status.LAGGING);

            live.catchUp();
            Freshness current = freshness.current();
            assertThat(current.status()).isEqualTo(Status.CURRENT);
            assertThat(current.stale()).isFalse();
            assertThat(current.lagBlocks()).isZero();

            new HardhatControl(services.hardhatNode().rpcUrl()).mine(BOUND + 1);
            Freshness lagging = freshness.current();
            assertThat(lagging.status()).isEqualTo(Status.LAGGING);
            assertThat(lagging.lagBlocks()).isEqualTo(BOUND + 1);

            IndexStore store = new IndexStore(StandaloneTransactions.over(live.dataSource()), chainId);
            store.recordHalt("a reorg deeper than the finality depth");
            live.catchUp();
            Freshness halted = freshness.current();
            assertThat(halted.status()).as("recorded by the indexing instance, read by any").isEqualTo(Status.HALTED);
            assertThat(halted.haltedSince()).isNotNull();
            store.clearHalt();
            assertThat(freshness.current().status()).isEqualTo(Status.CURRENT);

            IndexFreshness unreachable = new IndexFreshness(reader,
                    new RpcClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1)), chainId, BOUND,
                    Duration.ZERO, Clock.systemUTC());
            assertThat(unreachable.current().status()).isEqualTo(Status.UNKNOWN);
            assertThat(unreachable.current().stale()).isTrue();
        }
    }
}
