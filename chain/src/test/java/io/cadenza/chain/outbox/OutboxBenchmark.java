package io.cadenza.chain.outbox;

import io.cadenza.chain.contracts.TestStablecoin;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Benchmark, not a test: intents confirmed per second by one account's sender under Hardhat automine, next to raw
 * loops that send pre-signed transactions with a local nonce, measured in the same run on the same node: in JSON-RPC
 * batches of the outbox's own batch size (the baseline), and one by one. Prints a final JSON line. Run with
 * {@code ./cadenza bench outbox}; {@link OutboxBenchmarkSmokeTest} runs it at a smoke size.
 */
public final class OutboxBenchmark {
    private static final long GAS_LIMIT_MINT = 100_000;
    private static final Duration LOOP_POLL = Duration.ofMillis(5);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(1);

    private OutboxBenchmark() {}

    /**
     * What one run measures.
     *
     * @param warmupIntents intents (and raw transactions of each loop) sent first, not counted
     * @param intents intents per counted round, and transactions per raw loop
     * @param rounds counted rounds; the last one is reported
     */
    record Settings(int warmupIntents, int intents, int rounds) {
        static Settings fromSystemProperties() {
            return new Settings(400, Integer.getInteger("cadenza.bench.intents", 3_000),
                    Integer.getInteger("cadenza.bench.rounds", 1));
        }
    }

    public static void main(String[] args) throws Exception {
        try (TestServices services = TestServices.startForBenchmark()) {
            System.out.println(run(services, Settings.fromSystemProperties()));
        }
    }

    /** Runs the benchmark on {@code services}; answers the final JSON line. Fails if any intent is not confirmed. */
    static String run(TestServices services, Settings settings) throws Exception {
        try (DeployedSuite suite = DeployedSuite.on(services)) {
            OutboxFixture fixture = new OutboxFixture(suite, services.dataSource());
            long chainId = suite.connection().chainId();
            int batchSize = OutboxConfiguration.defaults().batchSizeMax();
            runOutbox(fixture, services.dataSource(), chainId, settings.warmupIntents(), "warmup");
            rawPresignedLoop(suite, settings.warmupIntents(), batchSize);
            rawPresignedLoop(suite, settings.warmupIntents(), 1);

            double batchedPerSecond = 0;
            double oneByOnePerSecond = 0;
            Result outbox = null;
            for (int round = 1; round <= settings.rounds(); round++) {
                batchedPerSecond = rawPresignedLoop(suite, settings.intents(), batchSize);
                oneByOnePerSecond = rawPresignedLoop(suite, settings.intents(), 1);
                outbox = runOutbox(fixture, services.dataSource(), chainId, settings.intents(), "measured-" + round);
                System.out.printf(Locale.ROOT, "round %d: outbox %.0f intents/s, raw batched %.0f tx/s, raw one by"
                        + " one %.0f tx/s%n", round, outbox.confirmedPerSecond(), batchedPerSecond, oneByOnePerSecond);
            }
            System.out.printf(Locale.ROOT, "outbox: %.0f intents/s confirmed, submit %.0f intents/s%n",
                    outbox.confirmedPerSecond(), outbox.submittedPerSecond());
            return String.format(Locale.ROOT, "{\"benchmark\":\"outbox\",\"intents\":%d,\"confirmations\":1,"
                    + "\"batchSize\":%d,\"outboxConfirmedPerSecond\":%.1f,\"submitPerSecond\":%.1f,"
                    + "\"rawBatchedTxPerSecond\":%.1f,\"ratioToRawBatched\":%.3f,\"rawOneByOneTxPerSecond\":%.1f,"
                    + "\"ratioToRawOneByOne\":%.3f,\"synchronousCommit\":\"%s\",\"javaVersion\":\"%s\",\"cores\":%d}",
                    settings.intents(), batchSize, outbox.confirmedPerSecond(), outbox.submittedPerSecond(),
                    batchedPerSecond, outbox.confirmedPerSecond() / batchedPerSecond, oneByOnePerSecond,
                    outbox.confirmedPerSecond() / oneByOnePerSecond,
                    TestServices.setting(services.dataSource(), "synchronous_commit"), Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private record Result(double submittedPerSecond, double confirmedPerSecond) {}

    private static Result runOutbox(OutboxFixture fixture, DataSource dataSource, long chainId, int intents,
            String label) throws Exception {
        String prefix = OutboxFixture.uniqueKey("bench-" + label);
        String holder = OutboxFixture.freshAddress();
        long submitStart = System.nanoTime();
        for (int i = 0; i < intents; i++) {
            fixture.outbox.submit(fixture.mint(prefix + "-" + i, holder, 1));
        }
        long submitted = System.nanoTime();
        // The production loop: signing and sending on their own threads, under the account's lock.
        String last = prefix + "-" + (intents - 1);
        try (TransactionSenderLoop loop = new TransactionSenderLoop(
                fixture.sender(1, OutboxConfiguration.defaults(), SenderFaults.NONE), dataSource, chainId, LOOP_POLL)) {
            loop.start();
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (!fixture.isStatus(last, TransactionStatus.CONFIRMED)) {
                if (System.nanoTime() > deadline) {
                    Thread.getAllStackTraces().forEach((thread, stack) -> {
                        if (thread.getName().startsWith("outbox")) {
                            System.out.println("THREAD " + thread.getName() + " " + thread.getState());
                            for (StackTraceElement frame : stack) {
                                System.out.println("    at " + frame);
                            }
                        }
                    });
                    throw new IllegalStateException("the outbox did not confirm " + intents + " intents in "
                            + DRAIN_TIMEOUT + "; outbox state: " + describe(dataSource));
                }
                Thread.sleep(CHECK_INTERVAL);
            }
        }
        long confirmed = System.nanoTime();
        for (int i = 0; i < intents; i++) {
            if (fixture.find(prefix + "-" + i).status() != TransactionStatus.CONFIRMED) {
                throw new IllegalStateException("intent " + i + " is not confirmed");
            }
        }
        return new Result(intents / seconds(submitStart, submitted), intents / seconds(submitted, confirmed));
    }

    /**
     * Pre-signs {@code count} mints with a local nonce, then sends them in JSON-RPC batches of {@code batchSize} and
     * waits for the last one's receipt: the node's own ceiling, without any of the outbox's bookkeeping.
     */
    private static double rawPresignedLoop(DeployedSuite suite, int count, int batchSize) throws IOException {
        Web3j web3j = suite.connection().web3j();
        String from = suite.connection().operator().getAddress();
        long nonce = web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING).send().getTransactionCount()
                .longValueExact();
        String stablecoin = suite.manifest().stablecoin();
        String data = FunctionEncoder.encode(new Function(TestStablecoin.FUNC_MINT,
                List.of(new Address(OutboxFixture.freshAddress()), new Uint256(1)), List.of()));
        BigInteger maxFee = BigInteger.valueOf(100_000_000_000L);
        BigInteger tip = BigInteger.valueOf(1_000_000_000L);
        List<String> signed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RawTransaction raw = RawTransaction.createTransaction(suite.connection().chainId(),
                    BigInteger.valueOf(nonce + i), BigInteger.valueOf(GAS_LIMIT_MINT), stablecoin, BigInteger.ZERO,
                    data, tip, maxFee);
            signed.add(Numeric.toHexString(TransactionEncoder.signMessage(raw, suite.connection().operator())));
        }
        long start = System.nanoTime();
        String lastHash = null;
        for (int first = 0; first < count; first += batchSize) {
            BatchRequest batch = web3j.newBatch();
            signed.subList(first, Math.min(count, first + batchSize)).forEach(tx -> batch.add(web3j.ethSendRawTransaction(tx)));
            for (var answer : batch.send().getResponses()) {
                if (answer.hasError()) {
                    throw new IllegalStateException("raw send failed: " + answer.getError().getMessage());
                }
                lastHash = (String) answer.getResult();
            }
        }
        while (web3j.ethGetTransactionReceipt(lastHash).send().getTransactionReceipt().isEmpty()) {
            Thread.onSpinWait();
        }
        return count / seconds(start, System.nanoTime());
    }

    /** Intents per status, and the distinct errors recorded, for a run that stalls. */
    private static String describe(DataSource dataSource) throws Exception {
        StringBuilder state = new StringBuilder();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
                var rows = statement.executeQuery("""
                        select status, count(*), min(nonce), max(nonce), string_agg(distinct left(last_error, 160), ' | ')
                        from chain_tx group by status order by status""")) {
            while (rows.next()) {
                state.append(String.format(Locale.ROOT, "%n  %s: %d (nonces %s..%s) errors: %s", rows.getString(1),
                        rows.getLong(2), rows.getString(3), rows.getString(4), rows.getString(5)));
            }
        }
        return state.toString();
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

}
