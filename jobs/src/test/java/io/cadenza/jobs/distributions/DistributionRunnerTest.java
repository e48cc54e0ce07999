package io.cadenza.jobs.distributions;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.contracts.RoyaltyShares;
import io.cadenza.chain.contracts.TestStablecoin;
import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.outbox.OutboxConfiguration;
import io.cadenza.chain.outbox.OutboxStore;
import io.cadenza.chain.outbox.RevertReasonDecoder;
import io.cadenza.chain.outbox.SenderFaults;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionSender;
import io.cadenza.chain.schema.ChainSchema;
import io.cadenza.chain.testing.DataAccess;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.indexer.query.IndexReader;
import io.cadenza.indexer.store.IndexerSchema;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.TestDatabases;
import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.JobsSchema;
import io.cadenza.jobs.ledger.Ledger;
import io.cadenza.jobs.ledger.LedgerAccount;
import io.cadenza.jobs.statements.CatalogFixture;
import io.cadenza.jobs.statements.MoneyFixture;
import io.cadenza.jobs.statements.NewStatement;
import io.cadenza.jobs.statements.RoyaltyCatalog;
import io.cadenza.jobs.statements.RoyaltyConfiguration;
import io.cadenza.jobs.statements.RoyaltyStatement;
import io.cadenza.jobs.statements.RoyaltyStatements;
import io.cadenza.indexer.notify.IndexChangeListener;
import io.cadenza.indexer.store.IndexFaults;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Distributions end to end on the test chain, with the outbox's sender and a real indexer on the same database:
 * funded, submitted with the ledger entry, confirmed at finality to the unit the contract carries; a paused token's
 * distribute refused, reversed in the ledger with its decoded reason, and retried as exactly one new attempt; an
 * underfunded treasury waiting instead of failing.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionRunnerTest {
    private static final int FINALITY = 3;
    private static final UUID RECORDER = UUID.randomUUID();
    private static final UUID APPROVER = UUID.randomUUID();

    private DeployedSuite suite;
    private SuiteActions actions;
    private HardhatControl control;
    private HikariDataSource database;
    private IndexerHarness indexer;
    private TransactionSender sender;
    private MoneyFixture money;
    private CatalogFixture catalog;
    private RoyaltyStatements statements;
    private DistributionStore distributions;
    private Ledger ledger;
    private TransactionOutbox outbox;
    private IndexReader index;
    private DataAccess access;

    @BeforeAll
    void start(TestServices services) {
        money = MoneyFixture.start(services);
        suite = money.suite();
        catalog = money.catalog();
        database = money.database();
        access = money.access();
        actions = new SuiteActions(suite);
        control = new HardhatControl(services.hardhatNode().rpcUrl());
        OutboxConfiguration outboxConfiguration = finality(FINALITY);
        OutboxStore store = access.outboxStore();
        outbox = new TransactionOutbox(store, suite.connection());
        sender = new TransactionSender(suite.connection(), 1, FINALITY, store, outboxConfiguration,
                RevertReasonDecoder.forSuite(), SenderFaults.NONE, Clock.systemUTC());
        indexer = IndexerHarness.on(database, services.hardhatNode().rpcUrl(), suite,
                IndexerHarness.testConfiguration(), IndexFaults.NONE, IndexChangeListener.NONE);
        statements = access.bean(RoyaltyStatements.class);
        distributions = access.bean(DistributionStore.class);
        ledger = access.bean(Ledger.class);
        index = new IndexReader(StandaloneTransactions.over(database));
    }

    @AfterAll
    void stop() {
        indexer.close();
        money.close();
    }

    private static OutboxConfiguration finality(int depth) {
        OutboxConfiguration defaults = OutboxConfiguration.defaults();
        return new OutboxConfiguration(defaults.batchSizeMax(), defaults.stuckAfter(), defaults.attemptsMax(),
                defaults.maxFeePerGasCapWei(), defaults.priorityFeeMinWei(), defaults.feeBumpPercent(), depth,
                defaults.stalledAfter());
    }

    private io.cadenza.jobs.claims.ClaimPosting claimPosting() {
        return new io.cadenza.jobs.claims.ClaimPosting(access.bean(io.cadenza.jobs.claims.ClaimCheckpoints.class), index,
                ledger, access.bean(io.cadenza.jobs.custody.CustodyHolders.class),
                access.bean(io.cadenza.jobs.ledger.LedgerViews.class), access.bean(PayoutTokens.class),
                new RoyaltyConfiguration(2, "USD", true, Duration.ofSeconds(10)), suite.connection(),
                finality(FINALITY), Clock.systemUTC());
    }

    private DistributionRunner runner(boolean mintTestFunds) {
        return new DistributionRunner(distributions, outbox, index, access.bean(PayoutTokens.class), ledger,
                new RoyaltyConfiguration(2, "USD", mintTestFunds, Duration.ofSeconds(10)), finality(FINALITY),
                suite.connection(), Clock.systemUTC());
    }

    /** An offering on chain with one buyer of {@code sold} shares, in the catalog with its master. */
    private record Launched(SuiteActions.Offering offering, RoyaltyCatalog.CatalogMaster master) {}

    private Launched launch(long totalShares, long sold, int royaltyShareBps) throws Exception {
        SuiteActions.Offering offering = actions.launch(HardhatNode.devAccount(6), totalShares);
        actions.buy(HardhatNode.devAccount(7), offering, sold);
        RoyaltyCatalog.CatalogMaster master = catalog.master(CatalogFixture.freshIsrc(), royaltyShareBps,
                RoyaltyCatalog.Standing.REGISTERED);
        catalog.offering(master, offering.shares(), suite.manifest().stablecoin(), totalShares);
        return new Launched(offering, master);
    }

    private Distribution approved(Launched launched, String amount) {
        RoyaltyStatement recorded = statements.record(new NewStatement("Test Distro", YearMonth.of(2026, 11),
                YearMonth.of(2026, 11), Map.of(), List.of(new NewStatement.Line(1, launched.master().isrc(), null,
                        YearMonth.of(2026, 11), new BigDecimal(amount), "USD")), null), RECORDER);
        return statements.approve(recorded.id(), APPROVER).distributions().getFirst();
    }

    /** Runs the runner, the sender, the chain and the indexer until the distribution settles (or gives up). */
    private Distribution driveUntilSettled(DistributionRunner runner, UUID id) throws Exception {
        for (int round = 0; round < 200; round++) {
            runner.advance(id);
            Distribution now = distributions.findById(id).orElseThrow();
            if (now.status() == DistributionStatus.CONFIRMED) {
                assertThat(index.indexedBlock(31337) - now.blockNumber()).as("confirmed only once final")
                        .isGreaterThanOrEqualTo(FINALITY);
            }
            if (now.status() == DistributionStatus.CONFIRMED || now.status() == DistributionStatus.FAILED
                    || now.status() == DistributionStatus.AWAITING_FUNDS) {
                return now;
            }
            sender.runOnce();
            control.mine(1);
            indexer.catchUp();
        }
        throw new AssertionError("distribution " + id + " did not settle: " + distributions.findById(id));
    }

    private BigInteger balance(AccountKind kind, String shares) {
        return ledger.balance(new LedgerAccount(kind, "offering:" + shares.toLowerCase(),
                Asset.token(31337, suite.manifest().stablecoin())));
    }

    @Test
    void anApprovedPoolIsDistributedAndConfirmedAtFinalityToTheUnitTheContractCarries() throws Exception {
        Launched launched = launch(7, 3, 5_000);
        // 100.01 USD = 100,010,000 units; half to the pool: 50,005,000 over 7 shares = 7,143,571 each, 3 carried.
        Distribution planned = approved(launched, "100.01");
        assertThat(planned.amount()).isEqualTo(50_005_000);
        Distribution settled = driveUntilSettled(runner(true), planned.id());

        assertThat(settled.status()).isEqualTo(DistributionStatus.CONFIRMED);
        assertThat(settled.unitsAssigned()).isEqualTo(BigInteger.valueOf(7_143_571L * 7));
        assertThat(settled.carriedChange()).isEqualTo(3);
        String shares = launched.offering().shares();
        assertThat(balance(AccountKind.HOLDER_POOL, shares)).isZero();
        assertThat(balance(AccountKind.DISTRIBUTED_PENDING, shares)).isZero();
        assertThat(balance(AccountKind.UNCLAIMED, shares)).isEqualTo(BigInteger.valueOf(7_143_571L * 7));
        assertThat(balance(AccountKind.CARRIED_REMAINDER, shares)).isEqualTo(3);
        RoyaltyShares token = actions.as(DeployedSuite.OPERATOR, RoyaltyShares::load, shares);
        assertThat(token.carriedRemainder().send()).isEqualTo(3);
        assertThat(token.totalDistributed().send()).isEqualTo(50_005_000);

        // Advancing a confirmed distribution again changes nothing.
        assertThat(runner(true).advance(planned.id())).isFalse();
    }

    @Test
    void finalClaimsMoveUnclaimedToEachHoldersClaimedAccountOnce() throws Exception {
        Launched launched = launch(4, 4, 10_000);
        Distribution planned = approved(launched, "2.00"); // 2,000,000 units, 500,000 a share
        assertThat(driveUntilSettled(runner(true), planned.id()).status()).isEqualTo(DistributionStatus.CONFIRMED);
        actions.claim(HardhatNode.devAccount(7), launched.offering());
        io.cadenza.jobs.claims.ClaimPosting claims = claimPosting();
        indexer.catchUp();
        while (claims.postBatch() > 0) {
            // catching up with claims final before this one
        }
        String shares = launched.offering().shares().toLowerCase();
        LedgerAccount claimed = new LedgerAccount(AccountKind.CLAIMED, "offering:" + shares + ":holder:"
                + HardhatNode.devAccount(7).address().toLowerCase(), Asset.token(31337, suite.manifest().stablecoin()));
        assertThat(ledger.balance(claimed)).as("not final yet").isZero();

        control.mine(FINALITY);
        indexer.catchUp();
        assertThat(claims.postBatch()).isPositive();
        assertThat(ledger.balance(claimed)).isEqualTo(2_000_000);
        assertThat(balance(AccountKind.UNCLAIMED, shares)).isZero();
        assertThat(claims.postBatch()).isZero();
        assertThat(ledger.balance(claimed)).isEqualTo(2_000_000);
    }

    @Test
    void aReorgThatRemovesTheDistributedEventBeforeFinalityIsFollowedAndTheDistributionConfirmedOnce() throws Exception {
        Launched launched = launch(6, 2, 10_000);
        Distribution planned = approved(launched, "3.00");
        DistributionRunner runner = runner(true);
        assertThat(runner.advance(planned.id())).isTrue();
        String beforeMined = control.snapshot();
        String distribute = planned.intentKey("distribute");
        for (int round = 0; round < 50 && index.distributionIn(31337, launched.offering().shares(),
                txHashOf(distribute)).isEmpty(); round++) {
            sender.runOnce();
            indexer.catchUp();
        }
        assertThat(index.distributionIn(31337, launched.offering().shares(), txHashOf(distribute))).isPresent();
        assertThat(runner.advance(planned.id())).as("seen, not final: nothing to post").isFalse();

        control.revert(beforeMined); // the Distributed event's block is gone
        control.mine(2);
        Distribution settled = driveUntilSettled(runner, planned.id());
        assertThat(settled.status()).isEqualTo(DistributionStatus.CONFIRMED);
        RoyaltyShares token = actions.as(DeployedSuite.OPERATOR, RoyaltyShares::load, launched.offering().shares());
        assertThat(token.distributionCount().send()).isEqualTo(1);
        String shares = launched.offering().shares();
        assertThat(balance(AccountKind.DISTRIBUTED_PENDING, shares)).isZero();
        assertThat(balance(AccountKind.UNCLAIMED, shares).add(balance(AccountKind.CARRIED_REMAINDER, shares)))
                .isEqualTo(planned.amount());
        assertThat(ledger.entryId(DistributionEntries.key(settled, "confirmed"))).isPresent();
    }

    private String txHashOf(String intentKey) {
        return outbox.find(intentKey).map(io.cadenza.chain.outbox.ChainTransaction::txHash).orElse("0xnone");
    }

    @Test
    void custodialHoldersDividendsAreClaimedForThemOnceAndOwedToThemInFiat() throws Exception {
        io.cadenza.jobs.custody.CustodyHolders holders = access.bean(io.cadenza.jobs.custody.CustodyHolders.class);
        io.cadenza.jobs.custody.Custody custody = new io.cadenza.jobs.custody.Custody(holders,
                new io.cadenza.jobs.custody.CustodyConfiguration(io.cadenza.jobs.custody.CustodyKeysTest.ABANDON),
                Clock.systemUTC());
        UUID investor = UUID.randomUUID();
        io.cadenza.jobs.custody.CustodyHolder holder = custody.holderOf(investor);
        assertThat(custody.holderOf(investor)).isEqualTo(holder);

        Launched launched = launch(10, 6, 10_000);
        String shares = launched.offering().shares();
        actions.as(HardhatNode.devAccount(7), RoyaltyShares::load, shares).transfer(holder.address(),
                BigInteger.valueOf(3)).send();
        Distribution planned = approved(launched, "1.00"); // 1,000,000 units: 100,000 a share, 300,000 in custody
        assertThat(driveUntilSettled(runner(true), planned.id()).status()).isEqualTo(DistributionStatus.CONFIRMED);
        indexer.catchUp();

        io.cadenza.jobs.custody.CustodialClaims claims = new io.cadenza.jobs.custody.CustodialClaims(holders,
                access.bean(io.cadenza.jobs.claims.ClaimCheckpoints.class), index, outbox, suite.connection());
        assertThat(claims.submitDue()).isEqualTo(1);
        assertThat(claims.submitDue()).as("the same claim, not a second one").isEqualTo(1);
        io.cadenza.jobs.claims.ClaimPosting posting = claimPosting();
        LedgerAccount payable = new LedgerAccount(AccountKind.FIAT_PAYABLE, "account:" + investor, Asset.USD);
        for (int round = 0; round < 60 && ledger.balance(payable).signum() == 0; round++) {
            sender.runOnce();
            control.mine(1);
            indexer.catchUp();
            while (posting.postBatch() > 0) {
                // caught up
            }
        }
        assertThat(ledger.balance(payable)).as("30 cents owed to the investor").isEqualTo(30);
        Asset payout = Asset.token(31337, suite.manifest().stablecoin());
        assertThat(ledger.balance(new LedgerAccount(AccountKind.CLAIMED, "offering:" + shares.toLowerCase()
                + ":holder:" + holder.address(), payout))).as("what the chain says it claimed").isEqualTo(300_000);
        assertThat(ledger.balance(new LedgerAccount(AccountKind.CUSTODY_CONVERTED, "account:" + investor, payout)))
                .isEqualTo(-300_000);
        RoyaltyShares token = actions.as(DeployedSuite.OPERATOR, RoyaltyShares::load, shares);
        assertThat(token.claimable(holder.address()).send()).isZero();
        assertThat(actions.as(DeployedSuite.OPERATOR, TestStablecoin::load, suite.manifest().stablecoin())
                .balanceOf(holder.address()).send()).isEqualTo(300_000);
        assertThat(claims.submitDue()).as("nothing left to claim").isZero();
    }

    @Test
    void aPausedTokensDistributionFailsWithItsReasonIsReversedAndARetryIsOneNewAttempt() throws Exception {
        Launched launched = launch(10, 4, 10_000);
        String shares = launched.offering().shares();
        RoyaltyShares token = actions.as(DeployedSuite.OPERATOR, RoyaltyShares::load, shares);
        token.pause().send();
        Distribution planned = approved(launched, "1.00");
        DistributionRunner runner = runner(true);
        Distribution failed = driveUntilSettled(runner, planned.id());
        assertThat(failed.status()).isEqualTo(DistributionStatus.FAILED);
        assertThat(failed.reason()).contains("RoyaltyShares.distribute").contains("EnforcedPause");
        assertThat(balance(AccountKind.HOLDER_POOL, shares)).isEqualTo(planned.amount());
        assertThat(balance(AccountKind.DISTRIBUTED_PENDING, shares)).isZero();
        // Advancing the failed one again does nothing; only a retry of that attempt does, once.
        assertThat(runner.advance(planned.id())).isFalse();

        token.unpause().send();
        Distribution retried = runner.retry(planned.id(), 1);
        assertThat(retried.attempt()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.retry(planned.id(), 1))
                .isInstanceOf(DistributionException.class);
        Distribution confirmed = driveUntilSettled(runner, planned.id());
        assertThat(confirmed.status()).isEqualTo(DistributionStatus.CONFIRMED);
        assertThat(token.distributionCount().send()).isEqualTo(1);
        assertThat(balance(AccountKind.HOLDER_POOL, shares)).isZero();
        assertThat(balance(AccountKind.UNCLAIMED, shares).add(balance(AccountKind.CARRIED_REMAINDER, shares)))
                .isEqualTo(planned.amount());
    }

    @Test
    void anUnderfundedTreasuryWaitsAndTheDistributionGoesOnOnceFunded() throws Exception {
        Launched launched = launch(5, 5, 10_000);
        TestStablecoin stablecoin = actions.as(DeployedSuite.OPERATOR, TestStablecoin::load,
                suite.manifest().stablecoin());
        BigInteger held = stablecoin.balanceOf(DeployedSuite.OPERATOR.address()).send();
        // More than the treasury holds: held + 1,000,000 units, as dollars.
        BigDecimal dollars = new BigDecimal(held.add(BigInteger.valueOf(1_000_000))).movePointLeft(6)
                .setScale(2, java.math.RoundingMode.UP);
        Distribution planned = approved(launched, dollars.toPlainString());
        DistributionRunner runner = runner(false);
        Distribution waiting = driveUntilSettled(runner, planned.id());
        assertThat(waiting.status()).isEqualTo(DistributionStatus.AWAITING_FUNDS);
        assertThat(waiting.reason()).contains("more)");
        assertThat(runner.advance(planned.id())).as("no change while still short").isFalse();

        stablecoin.mint(DeployedSuite.OPERATOR.address(), planned.amount()).send();
        assertThat(driveUntilSettled(runner, planned.id()).status()).isEqualTo(DistributionStatus.CONFIRMED);
        assertThat(index.distributionIn(31337, launched.offering().shares(),
                distributions.findById(planned.id()).orElseThrow().transactionHash())).isPresent();
    }
}
