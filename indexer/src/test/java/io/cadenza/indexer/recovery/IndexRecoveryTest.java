package io.cadenza.indexer.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.recovery.IndexRecovery.Rewound;
import io.cadenza.indexer.recovery.IndexRecovery.Start;
import io.cadenza.indexer.reorg.ReorgTooDeepException;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.store.IndexStore;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's recovery from a reorg deeper than the finality depth, on a real Hardhat node: the halted index is
 * rewound (at the fork it finds itself, from a block given, or from scratch) and indexed again, and then equals a
 * fresh index of the canonical chain. A start above the fork is refused: it would keep another branch's blocks.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexRecoveryTest {
    private static final SignerKey ARTIST = HardhatNode.devAccount(6);
    private static final SignerKey ALICE = HardhatNode.devAccount(7);
    private static final SignerKey BOB = HardhatNode.devAccount(8);
    /** Three blocks of finality: a reorg of six is deeper than the indexer follows by itself. */
    private static final IndexerConfiguration SHALLOW = IndexerHarness.testConfiguration().withFinalityDepth(3);

    private TestServices services;
    private DeployedSuite suite;
    private SuiteActions actions;
    private HardhatControl control;
    private Offering offering;

    @BeforeAll
    void launch(TestServices services) throws Exception {
        this.services = services;
        suite = DeployedSuite.on(services);
        actions = new SuiteActions(suite);
        control = new HardhatControl(services.hardhatNode().rpcUrl());
        offering = actions.launch(ARTIST, 10_000);
        actions.buy(ALICE, offering, 1_000);
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @Test
    void atTheForkItFindsItselfTheIndexIsRebuiltAboveItAndEqualsAFreshOne() throws Exception {
        try (IndexerHarness live = IndexerHarness.fresh(services, suite, SHALLOW)) {
            long fork = deepReorg(live);
            IndexRecovery recovery = recoveryOf(live);
            assertThat(recovery.firstOrphanedBlock()).hasValue(fork);

            Rewound rewound = recovery.rewind(new Start.AtFork()).orElseThrow();
            assertThat(rewound.rewoundTo()).isEqualTo(fork - 1);
            assertThat(rewound.firstOrphaned()).hasValue(fork);
            assertThat(rewound.target()).isEqualTo(actions.head());
            live.catchUp();
            assertMatchesAFreshIndex(live);
            assertThat(recovery.firstOrphanedBlock()).isEmpty();
            assertThat(recovery.rewind(new Start.AtFork())).as("nothing left to recover").isEmpty();
        }
    }

    @Test
    void fromABlockBelowTheForkOrFromScratchTheIndexEqualsAFreshOne() throws Exception {
        try (IndexerHarness live = IndexerHarness.fresh(services, suite, SHALLOW)) {
            long fork = deepReorg(live);
            recoveryOf(live).rewind(new Start.FromBlock(fork - 5)).orElseThrow();
            live.catchUp();
            assertMatchesAFreshIndex(live);

            Rewound fromScratch = recoveryOf(live).rewind(new Start.FromScratch()).orElseThrow();
            assertThat(fromScratch.firstOrphaned()).isEmpty();
            assertThat(live.dump().rowCount("idx_transfer")).isZero();
            live.catchUp();
            assertMatchesAFreshIndex(live);
        }
    }

    @Test
    void aStartAboveTheForkOrOutsideTheIndexIsRefusedAndChangesNothing() throws Exception {
        try (IndexerHarness live = IndexerHarness.fresh(services, suite, SHALLOW)) {
            long fork = deepReorg(live);
            var before = live.dump();
            assertThatThrownBy(() -> recoveryOf(live).rewind(new Start.FromBlock(fork + 1)))
                    .isInstanceOf(IndexRecovery.RefusedException.class)
                    .hasMessageContaining("re-index from block " + fork + " or lower");
            assertThatThrownBy(() -> recoveryOf(live).rewind(new Start.FromBlock(actions.head() + 100)))
                    .isInstanceOf(IndexRecovery.RefusedException.class).hasMessageContaining("outside the index");
            assertThat(live.dump()).isEqualTo(before);
            assertThatThrownBy(live::catchUp).isInstanceOf(ReorgTooDeepException.class);
        }
    }

    /**
     * Indexes a branch of six blocks, replaces it with another of eight from the same parent, and checks the
     * indexer halts on it; answers the first block of the replaced branch.
     */
    private long deepReorg(IndexerHarness live) throws Exception {
        live.catchUp();
        String snapshot = control.snapshot();
        long fork = actions.head() + 1;
        mineBranch(6, ALICE, BOB);
        live.catchUp();
        control.revert(snapshot);
        mineBranch(8, BOB, ALICE);
        assertThatThrownBy(live::catchUp).isInstanceOf(ReorgTooDeepException.class);
        return fork;
    }

    /** A distribution (three blocks), a claim, and one-share transfers for the rest. */
    private void mineBranch(int blocks, SignerKey sender, SignerKey receiver) throws Exception {
        actions.transfer(ALICE, offering, sender, 100);
        actions.distribute(offering, BigInteger.valueOf(1_000_003L * blocks));
        actions.claim(sender, offering);
        for (int left = blocks - 5; left > 0; left--) {
            actions.transfer(sender, offering, receiver, 1 + left);
        }
    }

    private IndexRecovery recoveryOf(IndexerHarness live) {
        long chainId = suite.manifest().chainId();
        return new IndexRecovery(new IndexStore(StandaloneTransactions.over(live.dataSource()), chainId),
                new RpcClient(services.hardhatNode().rpcUrl(), Duration.ofSeconds(5)));
    }

    private void assertMatchesAFreshIndex(IndexerHarness live) throws Exception {
        try (IndexerHarness fresh = IndexerHarness.fresh(services, suite)) {
            fresh.catchUp();
            assertThat(live.dump()).isEqualTo(fresh.dump());
        }
        assertThat(live.check().discrepancies()).isEmpty();
    }
}
