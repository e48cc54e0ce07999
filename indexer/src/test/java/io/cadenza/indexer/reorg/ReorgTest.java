package io.cadenza.indexer.reorg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.ProjectionDump;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reorgs made on a real Hardhat node: snapshot, mine a branch and index it, revert, mine a different branch at the
 * same heights. After each, the index must equal a fresh index of the canonical chain, and the chain's own
 * balanceOf and claimable.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReorgTest {
    private static final SignerKey ARTIST = HardhatNode.devAccount(6);
    private static final SignerKey ALICE = HardhatNode.devAccount(7);
    private static final SignerKey BOB = HardhatNode.devAccount(8);
    private static final SignerKey CAROL = HardhatNode.devAccount(9);

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
        actions.buy(BOB, offering, 1_000);
        actions.buy(CAROL, offering, 1_000);
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void aReorgOfAnyDepthUpToTwelveLeavesTheIndexOfTheCanonicalChain(int depth) throws Exception {
        try (IndexerHarness live = IndexerHarness.fresh(services, suite)) {
            live.catchUp();
            String snapshot = control.snapshot();
            long forkHeight = actions.head();
            mineBranch(depth, ALICE, BOB);
            live.catchUp();
            control.revert(snapshot);
            // Odd depths replace the branch with one as long, even depths with a longer one.
            mineBranch(depth % 2 == 1 ? depth : depth + 2, CAROL, ALICE);
            live.catchUp();
            assertThat(live.metrics().reorgCount()).isEqualTo(1);
            assertThat(indexedBlock(live)).isEqualTo(actions.head());
            assertThat(actions.head()).isGreaterThan(forkHeight);
            assertMatchesTheCanonicalChain(live);
        }
    }

    @Test
    void aReorgThatRemovesAnOfferingForgetsItsClonesAndIndexesTheOneThatReplacedIt() throws Exception {
        try (IndexerHarness live = IndexerHarness.fresh(services, suite)) {
            live.catchUp();
            String snapshot = control.snapshot();
            Offering removed = actions.launch(ARTIST, 1_000);
            actions.buy(ALICE, removed, 10);
            live.catchUp();
            assertThat(count(live, "select count(*) from idx_offering where shares_address = ?", removed.shares()))
                    .isEqualTo(1);
            control.revert(snapshot);
            actions.transfer(ALICE, offering, BOB, 1);
            // The factory's nonce was reverted too: the replacement's clones get the same addresses, other terms.
            Offering replacement = actions.launch(ARTIST, 777);
            actions.buy(BOB, replacement, 7);
            live.catchUp();
            assertThat(replacement.shares()).isEqualTo(removed.shares());
            assertThat(count(live, "select count(*) from idx_offering where shares_address = ? and total_shares = 777",
                    replacement.shares())).isEqualTo(1);
            assertThat(count(live, "select count(*) from idx_purchase where sale = ?", replacement.sale())).isEqualTo(1);
            assertMatchesTheCanonicalChain(live);
        }
    }

    @Test
    void aReorgDuringBackfillRollsBackThePartAlreadyIndexed() throws Exception {
        IndexerConfiguration fiveBlocksAtATime = IndexerHarness.testConfiguration().withRanges(5, 100_000);
        try (IndexerHarness live = IndexerHarness.fresh(services, suite, fiveBlocksAtATime)) {
            live.catchUp();
            String snapshot = control.snapshot();
            mineBranch(20, ALICE, CAROL);
            live.step();
            live.step();
            long indexedMidway = indexedBlock(live);
            assertThat(indexedMidway).isLessThan(actions.head());
            control.revert(snapshot);
            mineBranch(25, BOB, CAROL);
            live.catchUp();
            assertThat(live.metrics().reorgCount()).isEqualTo(1);
            assertMatchesTheCanonicalChain(live);
        }
    }

    @Test
    void repeatedReorgsOfRandomDepthsKeepTheIndexEqualToTheChain() throws Exception {
        Random random = new Random(20261123);
        try (IndexerHarness live = IndexerHarness.fresh(services, suite)) {
            live.catchUp();
            for (int round = 1; round <= 5; round++) {
                String snapshot = control.snapshot();
                mineBranch(1 + random.nextInt(6), ALICE, BOB);
                live.catchUp();
                control.revert(snapshot);
                mineBranch(1 + random.nextInt(6), BOB, CAROL);
                live.catchUp();
                assertMatchesTheCanonicalChain(live);
            }
            assertThat(live.metrics().reorgCount()).isBetween(1.0, 5.0);
        }
    }

    @Test
    void aReorgDeeperThanTheFinalityDepthStopsTheIndexerInsteadOfRewritingFinalData() throws Exception {
        IndexerConfiguration shallow = new IndexerConfiguration(java.time.Duration.ofMillis(20), 0, 3, 2_000,
                5_000, java.time.Duration.ofSeconds(5), 5, null);
        try (IndexerHarness live = IndexerHarness.fresh(services, suite, shallow)) {
            live.catchUp();
            String snapshot = control.snapshot();
            mineBranch(6, ALICE, BOB);
            live.catchUp();
            ProjectionDump before = live.dump();
            control.revert(snapshot);
            mineBranch(8, CAROL, BOB);
            assertThatThrownBy(live::catchUp).isInstanceOf(ReorgTooDeepException.class);
            assertThat(live.dump()).isEqualTo(before);
        }
    }

    /**
     * {@code blocks} blocks of activity: a distribution (three blocks) when there is room, a claim, and one-share
     * transfers from {@code sender} to {@code receiver} for the rest.
     */
    private void mineBranch(int blocks, SignerKey sender, SignerKey receiver) throws Exception {
        int left = blocks;
        if (left >= 4) {
            actions.distribute(offering, BigInteger.valueOf(1_000_003L * blocks));
            left -= 3;
            actions.claim(sender, offering);
            left -= 1;
        }
        for (; left > 0; left--) {
            actions.transfer(sender, offering, receiver, 1 + left);
        }
    }

    private void assertMatchesTheCanonicalChain(IndexerHarness live) throws Exception {
        try (IndexerHarness fresh = IndexerHarness.fresh(services, suite)) {
            fresh.catchUp();
            assertThat(live.dump()).isEqualTo(fresh.dump());
        }
        assertThat(live.check().discrepancies()).isEmpty();
    }

    private static long indexedBlock(IndexerHarness harness) throws Exception {
        try (Connection connection = harness.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("select indexed_block from idx_chain");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long count(IndexerHarness harness, String sql, String parameter) throws Exception {
        try (Connection connection = harness.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
