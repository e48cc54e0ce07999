package io.cadenza.chain.outbox;

import io.cadenza.chain.testing.DataAccess;
import io.cadenza.chain.testing.DeployedSuite;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** Intents and senders on the shared test chain, for the outbox tests. */
final class OutboxFixture {
    /** A pass count no healthy run gets near: a sender that needs more is stuck, and the test says so. */
    static final int PASSES_MAX = 2_000;

    private final DeployedSuite suite;
    final OutboxStore store;
    final TransactionOutbox outbox;
    final RevertReasonDecoder reasons = RevertReasonDecoder.forSuite();

    OutboxFixture(DeployedSuite suite, javax.sql.DataSource dataSource) {
        this.suite = suite;
        this.store = DataAccess.over(dataSource).outboxStore();
        this.outbox = new TransactionOutbox(store, suite.connection());
    }

    TransactionSender sender(int confirmations, OutboxConfiguration configuration, SenderFaults faults, Clock clock) {
        return new TransactionSender(suite.connection(), confirmations,
                configuration.finalityDepthFor(suite.connection().chainId()), store, configuration, reasons, faults, clock);
    }

    TransactionSender sender(int confirmations, OutboxConfiguration configuration, SenderFaults faults) {
        return sender(confirmations, configuration, faults, Clock.systemUTC());
    }

    TransactionSender sender() {
        return sender(1, OutboxConfiguration.defaults(), SenderFaults.NONE);
    }

    /** Runs passes until {@code done}, failing beyond {@link #PASSES_MAX}. */
    static void drain(TransactionSender sender, BooleanSupplier done) throws IOException {
        for (int pass = 0; pass < PASSES_MAX; pass++) {
            if (done.getAsBoolean()) {
                return;
            }
            sender.runOnce();
        }
        throw new AssertionError("the sender did not finish within " + PASSES_MAX + " passes");
    }

    boolean isStatus(String idempotencyKey, TransactionStatus status) {
        return store.findByKey(idempotencyKey).orElseThrow().status() == status;
    }

    ChainTransaction find(String idempotencyKey) {
        return store.findByKey(idempotencyKey).orElseThrow();
    }

    /** An intent minting {@code amount} test dollars to {@code to}: its effect is easy to count exactly once. */
    TransactionIntent mint(String key, String to, long amount) {
        Function mint = new Function("mint", List.of(new Address(to), new Uint256(amount)), List.of());
        return TransactionIntent.call(key, "TestStablecoin.mint", suite.manifest().stablecoin(),
                org.web3j.utils.Numeric.hexStringToByteArray(FunctionEncoder.encode(mint)));
    }

    static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static String freshAddress() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    BigInteger stablecoinBalance(String holder) throws Exception {
        return io.cadenza.chain.contracts.TestStablecoin.load(suite.manifest().stablecoin(), suite.connection().web3j(),
                suite.connection().transactionManager(), suite.connection().gasProvider()).balanceOf(holder).send();
    }

    long operatorNonce() throws IOException {
        return suite.connection().web3j().ethGetTransactionCount(suite.connection().operator().getAddress(),
                DefaultBlockParameterName.LATEST).send().getTransactionCount().longValueExact();
    }
}
