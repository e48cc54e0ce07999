package io.cadenza.indexer.benchmark;

import io.cadenza.chain.database.StandaloneTransactions;
import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.contracts.testing.EventBurst;
import io.cadenza.chain.contracts.TestStablecoin;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.ingest.ChainIndexer;
import io.cadenza.indexer.ingest.IndexedSuite;
import io.cadenza.indexer.ingest.IndexerLoop;
import io.cadenza.indexer.ingest.StepOutcome;
import io.cadenza.indexer.metrics.IndexerMetrics;
import io.cadenza.indexer.notify.IndexChange;
import io.cadenza.indexer.notify.IndexChangeListener;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.store.IndexStore;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import io.cadenza.indexer.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import io.cadenza.indexer.consistency.ConsistencyCheck;
import io.cadenza.indexer.consistency.ConsistencyReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import org.web3j.crypto.Hash;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.utils.Numeric;

/**
 * Not a test: mines a chain of at least 200,000 share-token and sale events over 50 offerings (100 clones) on the
 * local Hardhat node, then measures (1) a backfill of all of it into a fresh database with every projection, in
 * events per second, and (2) the tail latency from a transaction being mined to its projection being committed, with
 * the indexer's default settings at zero confirmations. After one uncounted warm-up, the backfill runs
 * {@code bench.rounds} times (3) and the median is reported. Prints a final JSON line. Run: {@code ./cadenza bench indexer}.
 */
public final class IndexerBenchmark {
    private static final long TOTAL_SHARES = 10_000;
    private static final int BUY_TRANSACTIONS = 5;
    private static final int BUYS_PER_TRANSACTION = 100;
    private static final int SHARES_PER_BUY = 5;
    private static final int SCATTER_TRANSACTIONS = 10;
    private static final int TRANSFERS_PER_TRANSACTION = 200;
    private static final int CLAIM_TRANSACTIONS = 5;
    private static final int CLAIMS_PER_TRANSACTION = 200;
    /** Osaka caps a transaction at 2^24 gas; the bursts above stay well under it. */
    private static final BigInteger BURST_GAS_LIMIT = BigInteger.valueOf(15_000_000);

    /**
     * What one run measures.
     *
     * @param offerings offerings mined (two clones each, about 4,000 share events each)
     * @param rounds counted backfills of the same chain, each into a fresh database (this machine's runs vary by a
     *        fifth); the median is reported
     * @param latencySamples transfers whose mined-to-visible latency is measured
     */
    record Settings(int offerings, int rounds, int latencySamples) {
        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("bench.offerings", 50), Integer.getInteger("bench.rounds", 3), 200);
        }
    }

    public static void main(String[] args) throws Exception {
        try (TestServices services = TestServices.startForBenchmark()) {
            System.out.println(run(services, Settings.fromSystemProperties()));
        }
    }

    /**
     * Runs the benchmark on {@code services}; answers the final JSON line. Fails when a backfill projects another
     * number of events than were mined, when backfills disagree, or when the last index disagrees with the chain.
     */
    static String run(TestServices services, Settings settings) throws Exception {
        try (DeployedSuite suite = DeployedSuite.on(services)) {
            long chainStart = System.nanoTime();
            List<Offering> mined = new ArrayList<>();
            long shareEvents = mineChain(suite, settings.offerings(), mined);
            double mineSeconds = seconds(chainStart);
            System.out.printf(Locale.ROOT, "mined %d share and sale events over %d offerings in %.1f s%n", shareEvents,
                    settings.offerings(), mineSeconds);
            // Every event is a row of a projection but each sale's initialisation, which only the raw logs keep.
            long projectedExpected = shareEvents - settings.offerings();

            IndexerConfiguration defaults = IndexerConfiguration.defaults();
            IndexerConfiguration configuration = defaults.withRanges(defaults.rangeBlocksMax(),
                    Integer.getInteger("bench.logsTarget", defaults.rangeLogsTarget()));
            List<Double> rates = new ArrayList<>();
            // A warm-up backfill, not counted: JIT compilation and cold caches, as any benchmark harness discards.
            long logsExpected;
            try (BackfillRound warmUp = backfill(services, suite, configuration, mined)) {
                System.out.printf(Locale.ROOT, "warm-up: %.0f logs/s (not counted)%n", warmUp.eventsPerSecond());
                logsExpected = warmUp.logs();
                requireCounts(warmUp, logsExpected, projectedExpected);
            }
            BackfillRound last = null;
            for (int round = 1; round <= settings.rounds(); round++) {
                if (last != null) {
                    last.close();
                }
                last = backfill(services, suite, configuration, mined);
                requireCounts(last, logsExpected, projectedExpected);
                rates.add(last.eventsPerSecond());
                System.out.printf(Locale.ROOT, "round %d: %d logs (%d projected share and sale events) of %d clones "
                        + "in %.2f s over %d batches (%.2f s of it writing and committing): %.0f logs/s%n", round,
                        last.logs(), last.shareEvents(), last.clones(), last.seconds(), last.batches(),
                        last.commitSeconds(), last.eventsPerSecond());
            }
            List<Double> sortedRates = new ArrayList<>(rates);
            Collections.sort(sortedRates);
            double medianRate = percentile(sortedRates, 0.50);

            List<Double> latenciesMs;
            try (BackfillRound tail = last) {
                latenciesMs = measureTailLatency(suite, tail.indexer(), tail.db(), configuration,
                        tail.committedAtNanos(), settings.latencySamples());
                ConsistencyReport report = new ConsistencyCheck(StandaloneTransactions.over(tail.db()),
                        new RpcClient(services.hardhatNode().rpcUrl(), configuration.rpcTimeout()),
                        suite.manifest().chainId()).run();
                if (!report.discrepancies().isEmpty()) {
                    throw new IllegalStateException("the benchmark's index disagrees with the chain: "
                            + report.discrepancies().subList(0, Math.min(5, report.discrepancies().size())));
                }
            }
            Collections.sort(latenciesMs);
            double p50 = percentile(latenciesMs, 0.50);
            double p99 = percentile(latenciesMs, 0.99);
            System.out.printf(Locale.ROOT, "tail latency over %d transactions: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    latenciesMs.size(), p50, p99, latenciesMs.getLast());
            return String.format(Locale.ROOT, "{\"benchmark\":\"indexer\",\"offerings\":%d,\"clones\":%d,"
                    + "\"logs\":%d,\"shareEvents\":%d,\"rounds\":%d,\"backfillEventsPerSecondMedian\":%.0f,"
                    + "\"backfillEventsPerSecondRounds\":%s,\"tailSamples\":%d,\"tailLatencyMsP50\":%.1f,"
                    + "\"tailLatencyMsP99\":%.1f,\"pollIntervalMs\":%d,\"confirmations\":%d,"
                    + "\"synchronousCommit\":\"%s\",\"cpus\":%d,\"cpu\":\"%s\",\"java\":\"%s\"}",
                    settings.offerings(), last.clones(), last.logs(), last.shareEvents(), settings.rounds(), medianRate,
                    rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList().toString()
                            .replace(" ", ""),
                    latenciesMs.size(), p50, p99, configuration.pollInterval().toMillis(), configuration.confirmations(),
                    TestServices.setting(services.dataSource(), "synchronous_commit"),
                    Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"));
        }
    }

    /** A backfill that indexed other counts than the chain holds measured something else: the run fails. */
    private static void requireCounts(BackfillRound round, long logsExpected, long projectedExpected) {
        if (round.logs() != logsExpected || round.shareEvents() != projectedExpected) {
            throw new IllegalStateException("a backfill indexed " + round.logs() + " logs and projected "
                    + round.shareEvents() + " events; expected " + logsExpected + " and " + projectedExpected);
        }
    }

    /** One backfill of the whole chain into a fresh database; kept open for the tail-latency measurement. */
    private record BackfillRound(HikariDataSource db, ChainIndexer indexer,
            ConcurrentSkipListMap<Long, Long> committedAtNanos, long logs, long shareEvents, long clones,
            double seconds, int batches, double commitSeconds) implements AutoCloseable {

        double eventsPerSecond() {
            return logs / seconds;
        }

        @Override
        public void close() {
            indexer.close();
            db.close();
        }
    }

    /**
     * One backfill into a fresh database. Its projected events are counted for {@code mined}'s tokens and sales only:
     * the suite may be shared with other activity (the test JVM's).
     */
    private static BackfillRound backfill(TestServices services, DeployedSuite suite, IndexerConfiguration configuration,
            List<Offering> mined) throws Exception {
        HikariDataSource db = TestDatabases.fresh(services);
        IndexerMetrics metrics = new IndexerMetrics(new SimpleMeterRegistry(), suite.manifest().chainId());
        ConcurrentSkipListMap<Long, Long> committedAtNanos = new ConcurrentSkipListMap<>();
        IndexChangeListener listener = change -> recordCommit(committedAtNanos, change);
        ChainIndexer indexer = new ChainIndexer(new RpcClient(services.hardhatNode().rpcUrl(),
                configuration.rpcTimeout()), new IndexStore(StandaloneTransactions.over(db), suite.manifest().chainId()),
                IndexedSuite.of(suite.manifest()), configuration, listener, metrics, IndexFaults.NONE, Clock.systemUTC());
        long start = System.nanoTime();
        int batches = 0;
        while (indexer.step() != StepOutcome.IDLE) {
            batches++;
        }
        double seconds = seconds(start);
        String[] tokens = mined.stream().map(offering -> offering.shares().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        String[] sales = mined.stream().map(offering -> offering.sale().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        long shareEvents = count(db, """
                select (select count(*) from idx_transfer where token = any (?))
                     + (select count(*) from idx_purchase where sale = any (?))
                     + (select count(*) from idx_claim where token = any (?))
                     + (select count(*) from idx_distribution where token = any (?))
                     + (select count(*) from idx_issue where sale = any (?))""", tokens, sales, tokens, tokens, sales);
        long clones = count(db, "select count(*) from idx_contract where address = any (?) or address = any (?)",
                tokens, sales);
        return new BackfillRound(db, indexer, committedAtNanos, (long) metrics.logsIndexed(), shareEvents, clones,
                seconds, batches, metrics.commitSeconds());
    }

    /** Mines the benchmark chain and returns how many share and sale events it holds. */
    private static long mineChain(DeployedSuite suite, int offerings, List<Offering> mined) throws Exception {
        SuiteActions actions = new SuiteActions(suite);
        SignerKey operator = DeployedSuite.OPERATOR;
        ChainConnection connection = suite.connection();
        ContractGasProvider burstGas = new StaticEIP1559GasProvider(suite.manifest().chainId(),
                BigInteger.valueOf(100_000_000_000L), BigInteger.valueOf(1_000_000_000L), BURST_GAS_LIMIT);
        EventBurst burst = EventBurst.deploy(connection.web3j(), connection.transactionManagerFor(operator.credentials()),
                burstGas).send();
        TestStablecoin stablecoin = actions.as(operator, TestStablecoin::load, suite.manifest().stablecoin());
        BigInteger costEach = SuiteActions.PRICE_PER_SHARE.multiply(BigInteger.valueOf(SHARES_PER_BUY));
        long events = 0;
        for (int index = 0; index < offerings; index++) {
            Offering offering = actions.launch(HardhatNode.devAccount(1), TOTAL_SHARES);
            mined.add(offering);
            events += 2; // the mint to the sale, and the sale's initialisation
            stablecoin.mint(burst.getContractAddress(),
                    costEach.multiply(BigInteger.valueOf((long) BUY_TRANSACTIONS * BUYS_PER_TRANSACTION))).send();
            for (int transaction = 0; transaction < BUY_TRANSACTIONS; transaction++) {
                burst.buyMany(offering.sale(), suite.manifest().stablecoin(),
                        BigInteger.valueOf(BUYS_PER_TRANSACTION), BigInteger.valueOf(SHARES_PER_BUY), costEach).send();
                events += 2L * BUYS_PER_TRANSACTION;
            }
            byte[] seed = Numeric.hexStringToByteArray(Hash.sha3String("recipients-" + index));
            for (int transaction = 0; transaction < SCATTER_TRANSACTIONS; transaction++) {
                burst.scatter(offering.shares(), seed, BigInteger.valueOf((long) transaction * TRANSFERS_PER_TRANSACTION),
                        BigInteger.valueOf(TRANSFERS_PER_TRANSACTION)).send();
                events += TRANSFERS_PER_TRANSACTION;
            }
            actions.distribute(offering, BigInteger.valueOf(TOTAL_SHARES * 1_000));
            events += 1;
            for (int transaction = 0; transaction < CLAIM_TRANSACTIONS; transaction++) {
                burst.claimMany(offering.shares(), seed, BigInteger.valueOf((long) transaction * CLAIMS_PER_TRANSACTION),
                        BigInteger.valueOf(CLAIMS_PER_TRANSACTION)).send();
                events += CLAIMS_PER_TRANSACTION;
            }
            if ((index + 1) % 10 == 0) {
                System.out.printf(Locale.ROOT, "  %d offerings mined, block %d%n", index + 1, actions.head());
            }
        }
        return events;
    }

    private static List<Double> measureTailLatency(DeployedSuite suite, ChainIndexer indexer, HikariDataSource db,
            IndexerConfiguration configuration, ConcurrentSkipListMap<Long, Long> committedAtNanos, int samples)
            throws Exception {
        SuiteActions actions = new SuiteActions(suite);
        SignerKey sender = HardhatNode.devAccount(2);
        SignerKey receiver = HardhatNode.devAccount(3);
        Offering offering = actions.launch(HardhatNode.devAccount(1), 1_000);
        actions.buy(sender, offering, samples);
        List<Double> latenciesMs = new ArrayList<>();
        Random pacing = new Random(42);
        try (IndexerLoop loop = new IndexerLoop(indexer, db, configuration.pollInterval())) {
            loop.start();
            waitForCommit(committedAtNanos, actions.head());
            for (int sample = 0; sample < samples; sample++) {
                // Random pauses keep the sends out of phase with the indexer's polling.
                Thread.sleep(pacing.nextInt(60));
                long sentAt = System.nanoTime();
                actions.transfer(sender, offering, receiver, 1);
                long block = actions.head();
                long committedAt = waitForCommit(committedAtNanos, block);
                latenciesMs.add((committedAt - sentAt) / 1e6);
            }
        }
        return latenciesMs;
    }

    private static void recordCommit(ConcurrentSkipListMap<Long, Long> committedAtNanos, IndexChange change) {
        if (change.kind() == IndexChange.Kind.INDEXED) {
            committedAtNanos.put(change.toBlock(), System.nanoTime());
        }
    }

    /** When the batch holding {@code block} was committed; waits for it at most a minute. */
    private static long waitForCommit(ConcurrentSkipListMap<Long, Long> committedAtNanos, long block)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            var committed = committedAtNanos.ceilingEntry(block);
            if (committed != null) {
                return committed.getValue();
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("block " + block + " was not indexed within a minute");
    }

    private static long count(HikariDataSource db, String sql, String[]... arrays) throws Exception {
        try (Connection connection = db.getConnection(); var select = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                select.setArray(i + 1, connection.createArrayOf("text", arrays[i]));
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static double percentile(List<Double> sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown")
                    .replace("\"", "");
        } catch (java.io.IOException unreadable) {
            return "unknown";
        }
    }
}
