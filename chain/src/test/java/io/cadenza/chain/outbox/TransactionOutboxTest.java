package io.cadenza.chain.outbox;

import static io.cadenza.chain.outbox.OutboxFixture.drain;
import static io.cadenza.chain.outbox.OutboxFixture.freshAddress;
import static io.cadenza.chain.outbox.OutboxFixture.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.chain.contracts.MasterRegistry;
import io.cadenza.chain.contracts.RoyaltyShares;
import io.cadenza.chain.deployment.SuiteContract;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The outbox against the shared test chain. Each test starts from a settled outbox (nothing open: every intent an
 * earlier test left is sent or failed first) and runs in random order, so that no test leans on another's leftovers.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.Random.class)
class TransactionOutboxTest {
    private DeployedSuite suite;
    private OutboxFixture fixture;
    private HardhatControl hardhat;

    @BeforeAll
    void setUp(TestServices services) {
        suite = DeployedSuite.on(services);
        fixture = new OutboxFixture(suite, services.dataSource());
        hardhat = new HardhatControl(services.hardhatNode().rpcUrl());
    }

    @AfterAll
    void tearDown() {
        suite.close();
    }

    /** Sends or fails whatever a test left open, with a healthy sender, before the next test starts. */
    @BeforeEach
    void settle() throws Exception {
        drain(fixture.sender(), () -> fixture.outbox.depth().total() == 0);
    }

    @Test
    void submittingTheSameKeyTwiceReturnsTheFirstIntent() {
        String key = uniqueKey("same");
        String holder = freshAddress();
        ChainTransaction first = fixture.outbox.submit(fixture.mint(key, holder, 5));
        ChainTransaction again = fixture.outbox.submit(fixture.mint(key, holder, 5));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.status()).isEqualTo(TransactionStatus.PENDING);
    }

    @Test
    void aNonceCounterAheadOfTheChainIsBroughtBackWhenNothingIsInFlight() throws Exception {
        // As after a development chain restarted under a database that remembers the old one.
        long chainNonce = fixture.operatorNonce();
        fixture.store.setNextNonce(new ChainAccount(suite.connection().chainId(), suite.connection().genesisHash(),
                DeployedSuite.OPERATOR.address()), chainNonce + 50);
        String key = uniqueKey("after-reset");
        fixture.outbox.submit(fixture.mint(key, freshAddress(), 1));

        drain(fixture.sender(), () -> fixture.isStatus(key, TransactionStatus.CONFIRMED));

        assertThat(fixture.find(key).nonce()).isEqualTo(chainNonce);
    }

    @Test
    void theDepthCountsOpenIntentsPerStatusAndTheOldestOnesAge() throws Exception {
        OutboxDepth before = fixture.outbox.depth();
        String first = uniqueKey("depth-1");
        String second = uniqueKey("depth-2");
        fixture.outbox.submit(fixture.mint(first, freshAddress(), 1));
        fixture.outbox.submit(fixture.mint(second, freshAddress(), 2));

        OutboxDepth queued = fixture.outbox.depth();
        assertThat(queued.count(TransactionStatus.PENDING)).isEqualTo(before.count(TransactionStatus.PENDING) + 2);
        assertThat(queued.total()).isEqualTo(before.total() + 2);
        assertThat(queued.oldestOpenSince()).isNotNull().isBeforeOrEqualTo(java.time.Instant.now());

        drain(fixture.sender(), () -> fixture.isStatus(first, TransactionStatus.CONFIRMED)
                && fixture.isStatus(second, TransactionStatus.CONFIRMED));
        assertThat(fixture.outbox.depth().total()).isLessThanOrEqualTo(queued.total() - 2);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        String key = uniqueKey("conflict");
        fixture.outbox.submit(fixture.mint(key, freshAddress(), 5));
        assertThatThrownBy(() -> fixture.outbox.submit(fixture.mint(key, freshAddress(), 6)))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining(key);
    }

    @Test
    void anIntentIsSignedBroadcastMinedAndConfirmedOnce() throws Exception {
        String key = uniqueKey("happy");
        String holder = freshAddress();
        long nonceBefore = fixture.operatorNonce();
        fixture.outbox.submit(fixture.mint(key, holder, 42));

        drain(fixture.sender(), () -> fixture.isStatus(key, TransactionStatus.CONFIRMED));

        ChainTransaction confirmed = fixture.find(key);
        assertThat(confirmed.nonce()).isEqualTo(nonceBefore);
        assertThat(confirmed.attempts()).isEqualTo(1);
        assertThat(confirmed.blockNumber()).isPositive();
        var receipt = suite.connection().web3j().ethGetTransactionReceipt(confirmed.txHash()).send()
                .getTransactionReceipt().orElseThrow();
        assertThat(receipt.getBlockHash()).isEqualToIgnoringCase(confirmed.blockHash());
        assertThat(fixture.stablecoinBalance(holder)).isEqualTo(BigInteger.valueOf(42));
        assertThat(fixture.operatorNonce()).isEqualTo(nonceBefore + 1);
    }

    @Test
    void anIntentThatWouldRevertIsFailedWithItsDecodedErrorAndConsumesNoNonce() throws Exception {
        String sharesImplementation = suite.manifest().addressOf(SuiteContract.ROYALTY_SHARES_IMPLEMENTATION);
        String zeroDistribution = uniqueKey("zero-distribution");
        fixture.outbox.submit(TransactionIntent.call(zeroDistribution, "RoyaltyShares.distribute", sharesImplementation,
                Numeric.hexStringToByteArray(FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(
                        RoyaltyShares.FUNC_DISTRIBUTE, List.of(new org.web3j.abi.datatypes.generated.Uint256(0)), List.of())))));
        String afterIt = uniqueKey("after-refusal");
        fixture.outbox.submit(fixture.mint(afterIt, freshAddress(), 1));
        long nonceBefore = fixture.operatorNonce();

        drain(fixture.sender(), () -> fixture.isStatus(afterIt, TransactionStatus.CONFIRMED));

        ChainTransaction refused = fixture.find(zeroDistribution);
        assertThat(refused.status()).isEqualTo(TransactionStatus.FAILED);
        assertThat(refused.revertReason()).isEqualTo("ZeroAmount()");
        assertThat(refused.nonce()).isNull();
        assertThat(fixture.find(afterIt).nonce()).isEqualTo(nonceBefore);
    }

    @Test
    void anIntentThatRevertsOnlyBeforeAnEarlierIntentIsMinedWaitsForItAndOneThatStillRevertsFails() throws Exception {
        MasterRegistry registry = MasterRegistry.load(suite.manifest().masterRegistry(), suite.connection().web3j(),
                suite.connection().transactionManager(), suite.connection().gasProvider());
        BigInteger nextMasterId = registry.mastersRegistered().send().add(BigInteger.ONE);
        String register = uniqueKey("register-first");
        fixture.outbox.submit(TransactionIntent.call(register, "MasterRegistry.register", suite.manifest().masterRegistry(),
                encode(new org.web3j.abi.datatypes.Function(MasterRegistry.FUNC_REGISTER, List.of(
                        new org.web3j.abi.datatypes.Address(DeployedSuite.OPERATOR.address()),
                        new org.web3j.abi.datatypes.Utf8String("bafymetadata"),
                        new org.web3j.abi.datatypes.generated.Bytes32(Numeric.hexStringToByteArray(
                                Hash.sha3String(register)))), List.of()))));
        // Submitted together: the offering's master does not exist until the registration is mined.
        String dependent = uniqueKey("offering-of-new-master");
        fixture.outbox.submit(createOffering(dependent, nextMasterId));
        String hopeless = uniqueKey("offering-of-no-master");
        fixture.outbox.submit(createOffering(hopeless, BigInteger.valueOf(1_000_000)));

        drain(fixture.sender(), () -> fixture.isStatus(dependent, TransactionStatus.CONFIRMED)
                && fixture.find(hopeless).status().isFinal());

        assertThat(fixture.find(register).status()).isEqualTo(TransactionStatus.CONFIRMED);
        assertThat(fixture.find(dependent).nonce()).isGreaterThan(fixture.find(register).nonce());
        ChainTransaction refused = fixture.find(hopeless);
        assertThat(refused.status()).isEqualTo(TransactionStatus.FAILED);
        assertThat(refused.nonce()).isNull();
        assertThat(refused.revertReason()).isEqualTo("ERC721NonexistentToken(tokenId=1000000)");
    }

    private TransactionIntent createOffering(String key, BigInteger masterId) {
        String stablecoin = suite.manifest().stablecoin();
        var terms = new io.cadenza.chain.contracts.OfferingFactory.OfferingTerms(masterId, "Shares", "SHR",
                BigInteger.valueOf(100), stablecoin, stablecoin, BigInteger.ONE, BigInteger.ZERO,
                BigInteger.valueOf(4_000_000_000L), false);
        return TransactionIntent.call(key, "OfferingFactory.createOffering", suite.manifest().offeringFactory(),
                encode(new org.web3j.abi.datatypes.Function(
                        io.cadenza.chain.contracts.OfferingFactory.FUNC_CREATEOFFERING, List.of(terms), List.of())));
    }

    private static byte[] encode(org.web3j.abi.datatypes.Function function) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(function));
    }

    @Test
    void aTransactionRevertedOnChainIsFailedWithItsCustomErrorAndArguments() throws Exception {
        String registry = suite.manifest().masterRegistry();
        byte[] isrcHash = Numeric.hexStringToByteArray(Hash.sha3String("ISRC-" + uniqueKey("dup")));
        byte[] register = Numeric.hexStringToByteArray(FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(
                MasterRegistry.FUNC_REGISTER, List.of(new org.web3j.abi.datatypes.Address(DeployedSuite.OPERATOR.address()),
                        new org.web3j.abi.datatypes.Utf8String("bafymetadata"),
                        new org.web3j.abi.datatypes.generated.Bytes32(isrcHash)), List.of())));
        String first = uniqueKey("register");
        fixture.outbox.submit(TransactionIntent.call(first, "MasterRegistry.register", registry, register));
        drain(fixture.sender(), () -> fixture.isStatus(first, TransactionStatus.CONFIRMED));
        // The same registration again, with a fixed gas limit so that it is not refused in simulation but mined.
        String duplicate = uniqueKey("register-duplicate");
        fixture.outbox.submit(new TransactionIntent(duplicate, "MasterRegistry.register", registry, register,
                BigInteger.ZERO, 300_000L));

        drain(fixture.sender(), () -> fixture.find(duplicate).status().isFinal());

        ChainTransaction reverted = fixture.find(duplicate);
        assertThat(reverted.status()).isEqualTo(TransactionStatus.FAILED);
        assertThat(reverted.lastError()).isEqualTo("reverted on chain");
        assertThat(reverted.blockNumber()).isNotNull();
        assertThat(reverted.revertReason()).startsWith("DuplicateIsrc(isrcHash=" + Numeric.toHexString(isrcHash))
                .contains("existingTokenId=");
    }

    enum CrashPoint { AFTER_SIGNED, AFTER_BROADCAST, AFTER_RECEIPTS }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void aSenderThatDiesAtAnyStepIsFollowedByOneThatSendsNothingTwice(CrashPoint crashPoint) throws Exception {
        List<String> keys = new ArrayList<>();
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(uniqueKey("crash-" + crashPoint));
            holders.add(freshAddress());
            fixture.outbox.submit(fixture.mint(keys.getLast(), holders.getLast(), 7));
        }
        long nonceBefore = fixture.operatorNonce();
        TransactionSender dying = fixture.sender(1, OutboxConfiguration.defaults(), new SenderFaults() {
            @Override
            public void afterSigned() {
                crashIf(CrashPoint.AFTER_SIGNED);
            }

            @Override
            public void afterBroadcast() {
                crashIf(CrashPoint.AFTER_BROADCAST);
            }

            @Override
            public void afterReceipts() {
                crashIf(CrashPoint.AFTER_RECEIPTS);
            }

            private void crashIf(CrashPoint point) {
                if (point == crashPoint) {
                    throw new SimulatedCrash(point);
                }
            }
        });
        assertThatThrownBy(dying::runOnce).isInstanceOf(SimulatedCrash.class);

        TransactionSender restarted = fixture.sender();
        drain(restarted, () -> keys.stream().allMatch(key -> fixture.isStatus(key, TransactionStatus.CONFIRMED)));

        for (int i = 0; i < keys.size(); i++) {
            assertThat(fixture.find(keys.get(i)).attempts()).isEqualTo(1);
            assertThat(fixture.stablecoinBalance(holders.get(i))).isEqualTo(BigInteger.valueOf(7));
        }
        assertThat(fixture.operatorNonce()).isEqualTo(nonceBefore + keys.size());
    }

    @Test
    void aThousandIntentsFromEightThreadsAreMinedOnceWithContiguousNonces() throws Exception {
        int intentCount = 1_000;
        int threadCount = 8;
        String prefix = uniqueKey("bulk");
        String holder = freshAddress();
        long nonceBefore = fixture.operatorNonce();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        try (ExecutorService threads = Executors.newFixedThreadPool(threadCount)) {
            List<Future<?>> submissions = new ArrayList<>();
            for (int thread = 0; thread < threadCount; thread++) {
                // Every thread submits every intent: each key must still become exactly one intent.
                submissions.add(threads.submit(() -> {
                    for (int i = 0; i < intentCount; i++) {
                        ids.add(fixture.outbox.submit(fixture.mint(prefix + "-" + i, holder, 1)).id());
                    }
                    return null;
                }));
            }
            for (Future<?> submission : submissions) {
                submission.get();
            }
        }
        assertThat(ids).hasSize(intentCount);

        drain(fixture.sender(), () -> fixture.isStatus(prefix + "-" + (intentCount - 1), TransactionStatus.CONFIRMED)
                && fixture.isStatus(prefix + "-0", TransactionStatus.CONFIRMED));

        List<Long> nonces = new ArrayList<>();
        for (int i = 0; i < intentCount; i++) {
            ChainTransaction intent = fixture.find(prefix + "-" + i);
            assertThat(intent.status()).isEqualTo(TransactionStatus.CONFIRMED);
            nonces.add(intent.nonce());
        }
        assertThat(nonces).containsExactlyElementsOf(LongStream.range(nonceBefore, nonceBefore + intentCount).boxed().toList());
        assertThat(fixture.stablecoinBalance(holder)).isEqualTo(BigInteger.valueOf(intentCount));
        assertThat(fixture.operatorNonce()).isEqualTo(nonceBefore + intentCount);
    }

    @Test
    void aStuckTransactionIsReplacedAtTheSameNonceWithHigherFees() throws Exception {
        String key = uniqueKey("stuck");
        String holder = freshAddress();
        fixture.outbox.submit(fixture.mint(key, holder, 3));
        Duration stuckAfter = Duration.ofSeconds(60);
        MutableClock clock = new MutableClock(Instant.now());
        TransactionSender sender = fixture.sender(1, OutboxConfiguration.defaults().withStuckAfter(stuckAfter),
                SenderFaults.NONE, clock);
        hardhat.setAutomine(false);
        try {
            sender.runOnce(); // signs and broadcasts; nothing is mined
            sender.runOnce(); // not stuck yet
            assertThat(fixture.find(key).status()).isEqualTo(TransactionStatus.BROADCAST);
            assertThat(fixture.find(key).attempts()).isEqualTo(1);

            clock.advance(stuckAfter.plusSeconds(1));
            sender.runOnce(); // stuck: a replacement is signed
            sender.runOnce(); // and broadcast; being new, it is not stuck
            ChainTransaction replaced = fixture.find(key);
            assertThat(replaced.status()).isEqualTo(TransactionStatus.BROADCAST);
            assertThat(replaced.attempts()).isEqualTo(2);
            List<SignedAttempt> attempts = fixture.store.attemptsOf(List.of(replaced.id()));
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(1).nonce()).isEqualTo(attempts.get(0).nonce());
            assertThat(attempts.get(1).maxFeePerGas()).isGreaterThan(attempts.get(0).maxFeePerGas());
            assertThat(attempts.get(1).maxPriorityFeePerGas()).isGreaterThan(attempts.get(0).maxPriorityFeePerGas());
            hardhat.mine(1);
        } finally {
            hardhat.setAutomine(true);
        }
        drain(sender, () -> fixture.isStatus(key, TransactionStatus.CONFIRMED));
        ChainTransaction confirmed = fixture.find(key);
        assertThat(confirmed.txHash()).isEqualTo(fixture.store.attemptsOf(List.of(confirmed.id())).get(1).txHash());
        assertThat(fixture.stablecoinBalance(holder)).isEqualTo(BigInteger.valueOf(3));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aTransactionDroppedByAReorgIsSentAgainAndConfirmedOnce() throws Exception {
        String key = uniqueKey("reorg");
        String holder = freshAddress();
        int confirmations = 3;
        TransactionSender sender = fixture.sender(confirmations, OutboxConfiguration.defaults(), SenderFaults.NONE);
        String snapshot = hardhat.snapshot();
        fixture.outbox.submit(fixture.mint(key, holder, 9));
        drain(sender, () -> fixture.isStatus(key, TransactionStatus.MINED));
        ChainTransaction mined = fixture.find(key);

        hardhat.revert(snapshot); // the block holding it is gone; other blocks take its height
        hardhat.mine(2);
        drain(sender, () -> {
            ChainTransaction now = fixture.find(key);
            return now.status() == TransactionStatus.MINED && !mined.blockHash().equals(now.blockHash());
        });
        hardhat.mine(confirmations);
        drain(sender, () -> fixture.isStatus(key, TransactionStatus.CONFIRMED));

        ChainTransaction confirmed = fixture.find(key);
        assertThat(confirmed.txHash()).isEqualTo(mined.txHash()); // the same signed transaction, sent again
        assertThat(confirmed.attempts()).isEqualTo(1);
        assertThat(fixture.stablecoinBalance(holder)).isEqualTo(BigInteger.valueOf(9));
    }

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(CrashPoint point) {
            super("simulated crash " + point);
        }
    }
}
