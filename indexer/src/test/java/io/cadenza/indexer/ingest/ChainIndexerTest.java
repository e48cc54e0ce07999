package io.cadenza.indexer.ingest;

import io.cadenza.chain.database.StandaloneTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.consistency.ConsistencyReport;
import io.cadenza.indexer.consistency.Discrepancy;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.store.IndexStore;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.ProjectionDump;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Hash;

/**
 * The whole life of two offerings on a real Hardhat node, indexed from the deployment block: every projection is
 * checked against what happened, against the chain's own balanceOf and claimable, and against an index built with
 * other range sizes.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainIndexerTest {
    private static final SignerKey ARTIST = HardhatNode.devAccount(1);
    private static final SignerKey ALICE = HardhatNode.devAccount(2);
    private static final SignerKey BOB = HardhatNode.devAccount(3);
    private static final SignerKey CAROL = HardhatNode.devAccount(4);
    private static final SignerKey CARD_BUYER = HardhatNode.devAccount(5);

    private TestServices services;
    private DeployedSuite suite;
    private Offering first;
    private Offering second;

    @BeforeAll
    void happen(TestServices services) throws Exception {
        this.services = services;
        suite = DeployedSuite.on(services);
        SuiteActions actions = new SuiteActions(suite);
        first = actions.launch(ARTIST, 1_000);
        actions.buy(ALICE, first, 100);
        actions.buy(BOB, first, 50);
        actions.issue(CARD_BUYER, first, 40, "pi_3QxIndexerCard");
        actions.transfer(ALICE, first, BOB, 40);
        actions.distribute(first, usd(1_000));
        actions.transfer(ALICE, first, CAROL, 10);
        actions.distribute(first, usd(500).add(BigInteger.valueOf(7)));
        actions.claim(ALICE, first);
        actions.closeSale(first);
        second = actions.launch(ARTIST, 500);
        actions.buy(CAROL, second, 25);
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @Test
    void projectsEveryEventOfBothOfferingsAsTheChainHasIt() throws Exception {
        try (IndexerHarness indexer = IndexerHarness.fresh(services, suite)) {
            indexer.catchUp();
            DataSource db = indexer.dataSource();

            assertThat(rows(db, "select holder, balance, percentage from idx_cap_table where token = ? order by holder",
                    first.shares())).containsExactlyInAnyOrder(
                            row(ALICE, "50", "5.000000"), row(BOB, "90", "9.000000"), row(CAROL, "10", "1.000000"),
                            row(CARD_BUYER, "40", "4.000000"), row(ARTIST, "810", "81.000000"));
            assertThat(rows(db, "select buyer, share_count, cost from idx_purchase where sale = ? order by block_number",
                    first.sale())).containsExactly(row(ALICE, "100", usd(1_000).toString()),
                            row(BOB, "50", usd(500).toString()));
            assertThat(rows(db, "select recipient, share_count, payment_ref from idx_issue where sale = ?", first.sale()))
                    .containsExactly(List.of(address(CARD_BUYER), "40", Hash.sha3String("pi_3QxIndexerCard")));
            assertThat(rows(db, "select amount, units_per_share_added, carried_remainder from idx_distribution "
                    + "where token = ? order by distribution_id", first.shares())).containsExactly(
                            List.of(usd(1_000).toString(), "1000000", "0"),
                            List.of(usd(500).add(BigInteger.valueOf(7)).toString(), "500000", "7"));
            assertThat(rows(db, "select holder, amount from idx_claim where token = ?", first.shares()))
                    .containsExactly(List.of(address(ALICE), usd(85).toString()));
            assertThat(rows(db, "select holder, claimable from idx_claimable where token = ? and claimable > 0 "
                    + "order by holder", first.shares())).containsExactlyInAnyOrder(
                            List.of(address(BOB), usd(135).toString()), List.of(address(CAROL), usd(5).toString()),
                            List.of(address(CARD_BUYER), usd(60).toString()),
                            List.of(first.sale(), usd(810).add(usd(405)).toString()));
            assertThat(rows(db, "select unsold_shares, owner from idx_offering o join idx_master m "
                    + "on m.token_id = o.master_id where o.shares_address = ?", first.shares()))
                    .containsExactly(List.of("810", address(ARTIST)));
            assertThat(rows(db, "select holder, balance from idx_cap_table where token = ?", second.shares()))
                    .containsExactlyInAnyOrder(row2(CAROL, "25"), List.of(second.sale(), "475"));

            ConsistencyReport report = indexer.check();
            assertThat(report.discrepancies()).isEmpty();
            assertThat(report.holdersChecked()).isGreaterThanOrEqualTo(8); // other test classes add offerings on the shared chain
        }
    }

    @Test
    void anIndexBuiltInWideRangesEqualsOneBuiltBlockByBlock() throws Exception {
        // A wide range holds an OfferingCreated and the clones' first logs: they are fetched for the rest of the range.
        try (IndexerHarness wide = IndexerHarness.fresh(services, suite,
                IndexerHarness.testConfiguration().withRanges(100_000, 100_000));
                IndexerHarness narrow = IndexerHarness.fresh(services, suite,
                        IndexerHarness.testConfiguration().withRanges(1, 100_000))) {
            int wideSteps = wide.catchUp();
            int narrowSteps = narrow.catchUp();
            ProjectionDump dump = wide.dump();
            assertThat(narrow.dump()).isEqualTo(dump);
            assertThat(dump.rowCount("idx_offering")).isGreaterThanOrEqualTo(2);
            assertThat(wideSteps).isLessThan(narrowSteps / 4); // ranges of up to 100,000 blocks, grown from 64
        }
    }

    @Test
    void theConsistencyCheckReportsAProjectionThatDisagreesWithTheChain() throws Exception {
        try (IndexerHarness indexer = IndexerHarness.fresh(services, suite)) {
            indexer.catchUp();
            try (Connection connection = indexer.dataSource().getConnection();
                    PreparedStatement tamper = connection.prepareStatement(
                            "update idx_holder set balance = balance + 1 where token = ? and holder = ?")) {
                tamper.setString(1, first.shares());
                tamper.setString(2, address(BOB));
                assertThat(tamper.executeUpdate()).isEqualTo(1);
            }
            ConsistencyReport report = indexer.check();
            // About seven pages, however many holders the JVM's other tests left on the shared chain (pages of a
            // fixed few cost a round trip each): the check walks the whole cap table whatever the page size.
            ConsistencyReport paged = indexer.check(Math.max(3, report.holdersChecked() / 7 + 1));
            assertThat(paged.holdersChecked()).isEqualTo(report.holdersChecked());
            assertThat(paged.discrepancies()).containsExactlyInAnyOrderElementsOf(report.discrepancies());
            assertThat(report.consistent()).isFalse();
            assertThat(report.discrepancies()).extracting(Discrepancy::holder, Discrepancy::quantity,
                    Discrepancy::projected, Discrepancy::onChain).containsExactlyInAnyOrder(
                            tuple(address(BOB), "balance", "91", "90"),
                            tuple(address(BOB), "claimable", usd(135).add(BigInteger.valueOf(1_500_000)).toString(),
                                    usd(135).toString()),
                            tuple(null, "totalSupply", "1001", "1000"),
                            // The extra share's dividends unbalance the index's books (the chain's still balance).
                            tuple(null, "dividendsAccounted(index)", "1501500007", "1500000007"));
        }
    }

    @Test
    void aChainWithTheSameIdButAnotherGenesisIsIndexedAfreshNotMixedWithTheOld() throws Exception {
        try (IndexerHarness indexer = IndexerHarness.fresh(services, suite)) {
            indexer.catchUp();
            ProjectionDump indexed = indexer.dump();
            // A dev node restarted under the same database: same chain id, a new genesis block. (The node is the same
            // here, so the "new" chain's index must come out equal to the old one: nothing kept, nothing doubled.)
            IndexedSuite restartedChain = new IndexedSuite(suite.manifest().chainId(), "0x" + "11".repeat(32),
                    suite.manifest().masterRegistry(), suite.manifest().offeringFactory(),
                    suite.manifest().deploymentBlock());
            try (ChainIndexer restarted = new ChainIndexer(new RpcClient(services.hardhatNode().rpcUrl(),
                    java.time.Duration.ofSeconds(5)), new IndexStore(StandaloneTransactions.over(indexer.dataSource()), suite.manifest().chainId()),
                    restartedChain, IndexerHarness.testConfiguration(), change -> {}, indexer.metrics(),
                    IndexFaults.NONE, java.time.Clock.systemUTC())) {
                restarted.step();
                assertThat(rows(indexer.dataSource(), "select genesis_hash, indexed_block::text from idx_chain "
                        + "where genesis_hash = ?", "0x" + "11".repeat(32))).hasSize(1);
                while (restarted.step() != StepOutcome.IDLE) {
                    // catching up on the "new" chain
                }
            }
            assertThat(indexer.dump()).isEqualTo(indexed);
        }
    }

    private static List<List<String>> rows(DataSource db, String sql, String parameter) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = db.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int column = 1; column <= columns; column++) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<String> row(SignerKey holder, String balance, String percentage) {
        return List.of(address(holder), balance, percentage);
    }

    private static List<String> row2(SignerKey holder, String balance) {
        return List.of(address(holder), balance);
    }

    private static String address(SignerKey key) {
        return key.address().toLowerCase(Locale.ROOT);
    }

    private static BigInteger usd(long dollars) {
        return BigInteger.valueOf(dollars).multiply(BigInteger.valueOf(1_000_000));
    }
}
