package io.cadenza.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.progress.Progress;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.LoggedErrors;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dev chain moved on with {@code hardhat_mine}: the blocks it skips over report a zero parent hash. On a local chain
 * the indexer links them by number and stays equal to a fresh index; on a chain not configured as local it halts and
 * says so, once, in the log, in its progress and in the halted gauge.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalChainTest {
    private static final SignerKey ARTIST = HardhatNode.devAccount(1);
    private static final SignerKey ALICE = HardhatNode.devAccount(2);
    private static final SignerKey BOB = HardhatNode.devAccount(3);

    private TestServices services;
    private DeployedSuite suite;
    private SuiteActions actions;
    private HardhatControl control;

    @BeforeAll
    void deploy(TestServices services) throws Exception {
        this.services = services;
        suite = DeployedSuite.on(services);
        actions = new SuiteActions(suite);
        control = new HardhatControl(services.hardhatNode().rpcUrl());
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @Test
    void aThousandBlocksMinedInOneCallInTheMiddleOfActivityAreIndexedAndTheIndexEqualsAFreshOne() throws Exception {
        try (IndexerHarness live = IndexerHarness.fresh(services, suite)) {
            Offering offering = actions.launch(ARTIST, 1_000);
            actions.buy(ALICE, offering, 100);
            live.catchUp();

            control.mineAtOnce(1_000);
            actions.transfer(ALICE, offering, BOB, 30);
            actions.distribute(offering, BigInteger.valueOf(5_000_000));
            live.catchUp();
            control.mineAtOnce(10); // a small batch skips blocks too; the tip is the one after them
            live.catchUp();
            actions.claim(BOB, offering);
            live.catchUp();

            try (IndexerHarness fresh = IndexerHarness.fresh(services, suite)) {
                fresh.catchUp();
                assertThat(live.dump()).isEqualTo(fresh.dump());
            }
            assertThat(live.check().discrepancies()).isEmpty();
            assertThat(live.metrics().reorgCount()).isZero();
        }
    }

    @Test
    void onAChainNotConfiguredAsLocalTheIndexerHaltsAndSaysWhyOnce() throws Exception {
        Offering offering = actions.launch(ARTIST, 1_000);
        control.mineAtOnce(10); // every block but the first few and the last names no parent
        actions.buy(ALICE, offering, 10);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LoggedErrors errors = LoggedErrors.of(IndexerLoop.class);
        try (errors; IndexerHarness remote = IndexerHarness.fresh(services, suite,
                IndexerHarness.testConfiguration().withLocalChain(false))) {
            Progress progress = IndexerLoop.progressOf(suite.manifest().chainId(), meters, Clock.systemUTC());
            try (IndexerLoop loop = new IndexerLoop(remote.indexer(), remote.dataSource(), Duration.ofMillis(20), progress)) {
                loop.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> progress.stall().isPresent());
                Progress.Stall stall = progress.stall().orElseThrow();
                assertThat(stall.needsOperator()).isTrue();
                assertThat(stall.reason()).contains("zero parent hash").contains("cadenza.indexer.local-chain");
                assertThat(meters.get("cadenza.indexer.halted").gauge().value()).isEqualTo(1.0);
                // Halted below the skipped blocks: the lag behind the head shows it, not the last figure (none here).
                await().atMost(Duration.ofSeconds(10)).until(() -> remote.metrics().headLagBlocks() > 0);
            }
        }
        assertThat(errors.messages()).singleElement().asString().contains("cannot advance")
                .contains("zero parent hash");
    }
}
