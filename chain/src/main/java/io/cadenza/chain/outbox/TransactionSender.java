package io.cadenza.chain.outbox;

import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.connection.JsonRpcBatch;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.EthTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The one sender of one signing account. Each {@link #runOnce() pass} signs pending intents with consecutive nonces
 * (storing every signed transaction before anything is broadcast), broadcasts what is signed, reads receipts,
 * confirms what is deep enough on the canonical chain, and replaces what is stuck. Every step reads its work from
 * the database, so a pass that dies anywhere is simply followed by another, in this process or the next.
 *
 * <p>Exactly one sender may run per account: {@link TransactionSenderLoop} holds an advisory lock for it, and the
 * nonce counter is advanced compare-and-set, so a second sender fails instead of reusing a nonce.
 */
public final class TransactionSender implements SenderPasses {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSender.class);
    /** Headroom over the estimate: state may move between estimation and inclusion. */
    private static final int GAS_MARGIN_PERCENT = 25;
    private static final long STATUS_SUCCESS = 1;
    /** Settled transactions whose blocks are checked per pass, lowest first; they are final after the depth. */
    private static final int UNFINAL_CHECKED_MAX = JsonRpcBatch.CALLS_MAX - 2;
    /**
     * How often settled transactions are checked against the chain: a reorg is seen within this, and a busy sender
     * (many passes a second) does not pay a round of block lookups on every pass.
     */
    private static final long SETTLED_WATCH_INTERVAL_NANOS = Duration.ofMillis(250).toNanos();

    private final Web3j web3j;
    private final long chainId;
    private final Credentials signer;
    private final String from;
    private final ChainAccount account;
    private final int confirmations;
    private final int finalityDepth;
    private final OutboxStore store;
    private final OutboxConfiguration configuration;
    private final FeePolicy fees;
    private final RevertReasonDecoder reasons;
    private final SenderFaults faults;
    private final Clock clock;
    private long settledWatchedAt = System.nanoTime() - SETTLED_WATCH_INTERVAL_NANOS;

    /**
     * @param confirmations blocks on top of a transaction's block before its intent is CONFIRMED
     * @param finalityDepth blocks after which a transaction's block can no longer be reorganised away; until then the
     *        sender checks that it is still canonical, and sends the transaction again when it is not
     */
    public TransactionSender(ChainConnection connection, int confirmations, int finalityDepth, OutboxStore store,
            OutboxConfiguration configuration, RevertReasonDecoder reasons, SenderFaults faults, Clock clock) {
        this.web3j = connection.web3j();
        this.chainId = connection.chainId();
        this.signer = connection.operator();
        this.from = signer.getAddress().toLowerCase(Locale.ROOT);
        this.account = new ChainAccount(chainId, connection.genesisHash(), from);
        this.confirmations = confirmations;
        this.finalityDepth = finalityDepth;
        this.store = store;
        this.configuration = configuration;
        this.fees = new FeePolicy(web3j, configuration);
        this.reasons = reasons;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public String account() {
        return from;
    }

    /** The signing account with its chain, as the outbox's tables key it. */
    public ChainAccount chainAccount() {
        return account;
    }

    /** One pass over every step. Throws on node or database errors; the next pass picks up where this one stopped. */
    public SenderPass runOnce() throws IOException {
        int[] signedAndFailed = signPending();
        SenderPass sent = sendPass();
        return new SenderPass(signedAndFailed[0], sent.broadcast(), sent.mined(), sent.confirmed(),
                signedAndFailed[1] + sent.failed(), sent.replaced(), sent.open());
    }

    /** The signing half of a pass: PENDING → SIGNED. May run on its own thread beside {@link #sendPass()}. */
    @Override
    public SenderPass signPass() throws IOException {
        int[] signedAndFailed = signPending();
        return new SenderPass(signedAndFailed[0], 0, 0, 0, signedAndFailed[1], 0, 0);
    }

    /**
     * The sending half of a pass: SIGNED → BROADCAST → MINED → CONFIRMED, replacements, and the watch over settled
     * transactions whose blocks are not final yet.
     */
    @Override
    public SenderPass sendPass() throws IOException {
        int broadcast = broadcastSigned();
        watchSettled();
        Receipts receipts = collectReceipts();
        int confirmed = confirmMined();
        int replaced = replaceStuck(receipts);
        return new SenderPass(0, broadcast, receipts.mined(), confirmed, receipts.failed(), replaced,
                receipts.unmined().size());
    }

    /** Returns {signed, failed}. */
    private int[] signPending() throws IOException {
        List<ChainTransaction> pending = store.withStatus(account, TransactionStatus.PENDING,
                configuration.batchSizeMax());
        if (pending.isEmpty()) {
            return new int[] {0, 0};
        }
        List<Response<?>> counts = new JsonRpcBatch(web3j)
                .add(web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING))
                .add(web3j.ethGetTransactionCount(from, DefaultBlockParameterName.LATEST))
                .send();
        long pendingNonce = ((EthGetTransactionCount) counts.get(0)).getTransactionCount().longValueExact();
        long minedNonce = ((EthGetTransactionCount) counts.get(1)).getTransactionCount().longValueExact();
        // The next nonce, every pass, from the chain and the stored intents: past the chain's count (nonces used
        // outside the outbox, a wallet tool, are skipped, never reused) and past every nonce an intent holds that is
        // or may be on chain (in flight, settled, or sent again after a reorg), and no further: none is skipped. A
        // counter kept on its own could fall below a confirmed intent that a reorg dropped, and take its nonce.
        long heldUpTo = store.highestHeldNonce(account).map(highest -> highest + 1).orElse(0L);
        store.setNextNonce(account, Math.max(pendingNonce, heldUpTo));
        long nextNonce = store.nextNonce(account).orElseThrow();
        boolean earlierInFlight = store.inFlightCount(account) > 0;

        Map<Long, Response<?>> estimates = estimateGas(pending);
        Fees current = fees.current();
        List<Unsigned> toSign = new ArrayList<>();
        int failed = 0;
        for (ChainTransaction intent : pending) {
            long gasLimit;
            if (intent.gasLimit() != null) {
                gasLimit = intent.gasLimit();
            } else {
                EthEstimateGas estimate = (EthEstimateGas) estimates.get(intent.id());
                if (estimate.hasError()) {
                    String reason = reasons.decode(estimate.getError().getData())
                            .or(() -> reasons.decode(estimate.getError().getMessage()))
                            .orElse(estimate.getError().getMessage());
                    long unminedBefore = nextNonce + toSign.size();
                    boolean judgedAlone = !earlierInFlight && toSign.isEmpty();
                    Long deferredUntil = intent.simulationDeferredUntilNonce();
                    if (judgedAlone || (deferredUntil != null && minedNonce >= deferredUntil)) {
                        store.markFailed(intent.id(), "refused: the call reverts in simulation", reason, null);
                        LOG.warn("intent {} ({}) refused: it would revert with {}", intent.idempotencyKey(),
                                intent.purpose(), reason);
                        failed++;
                    } else if (deferredUntil == null) {
                        // It may depend on an earlier intent not mined yet: judge it once those are.
                        store.deferSimulation(intent.id(), unminedBefore, reason);
                    }
                    continue;
                }
                gasLimit = withMargin(estimate.getAmountUsed());
            }
            toSign.add(new Unsigned(intent, nextNonce + toSign.size(), gasLimit));
        }
        // ECDSA signing is the sender's own CPU hot spot (about 0.4 ms a transaction): spread it over the cores.
        List<SignedAttempt> attempts = toSign.parallelStream()
                .map(unsigned -> sign(unsigned.intent(), unsigned.nonce(), unsigned.gasLimit(), current))
                .toList();
        store.storeSigned(account, nextNonce, attempts);
        if (!attempts.isEmpty()) {
            faults.afterSigned();
        }
        return new int[] {attempts.size(), failed};
    }

    /**
     * Watches CONFIRMED and reverted transactions until their blocks are final, and holds every settled intent to the
     * chain's count of the account's mined transactions.
     * <ul>
     *   <li>A block a reorg removed sends its transactions back to BROADCAST: the next receipt check finds none and,
     *       when the node has dropped them (Hardhat's evm_revert does), broadcasts the stored transactions again at
     *       their own nonces. Blocks that stay canonical past the finality depth make their intents final.
     *   <li>A settled intent whose nonce the chain's count has not reached cannot be on chain, whatever its receipt
     *       said (a reorg deeper than the watch): it goes out again too, so that the nonces after it are not left
     *       waiting behind a gap.
     * </ul>
     */
    private void watchSettled() throws IOException {
        long now = System.nanoTime();
        if (now - settledWatchedAt < SETTLED_WATCH_INTERVAL_NANOS) {
            return;
        }
        settledWatchedAt = now;
        List<OutboxStore.MinedAt> watched = store.unfinal(account, UNFINAL_CHECKED_MAX);
        TreeSet<Long> blockNumbers = new TreeSet<>();
        watched.forEach(mined -> blockNumbers.add(mined.blockNumber()));
        JsonRpcBatch batch = new JsonRpcBatch(web3j)
                .add(web3j.ethGetTransactionCount(from, DefaultBlockParameterName.LATEST))
                .add(web3j.ethBlockNumber());
        for (long number : blockNumbers) {
            batch.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false));
        }
        List<Response<?>> answers = batch.send();
        long minedCount = ((EthGetTransactionCount) answers.get(0)).getTransactionCount().longValueExact();
        long head = ((org.web3j.protocol.core.methods.response.EthBlockNumber) answers.get(1)).getBlockNumber()
                .longValueExact();
        Map<Long, String> canonicalHash = new HashMap<>();
        int index = 2;
        for (long number : blockNumbers) {
            EthBlock.Block block = ((EthBlock) answers.get(index++)).getBlock();
            canonicalHash.put(number, block == null ? null : block.getHash().toLowerCase(Locale.ROOT));
        }
        // A reorg within the watch is an ordinary event on a live chain: a warning.
        for (OutboxStore.MinedAt mined : watched) {
            if (!mined.blockHash().equals(canonicalHash.get(mined.blockNumber()))
                    && store.markReorged(mined.chainTxId())) {
                LOG.warn("intent {} (nonce {}) was in block {} ({}), which a reorg removed; it goes out again",
                        mined.idempotencyKey(), mined.nonce(), mined.blockNumber(), mined.blockHash());
            }
        }
        // What the watch could not see is not: an operator should know.
        List<String> reopened = store.reopenAbove(account, minedCount);
        if (!reopened.isEmpty()) {
            LOG.error("the chain has mined {} transactions of {}, fewer than the outbox settled: a reorg deeper than"
                    + " the finality watch, or a reset chain; {} intents go out again: {}", minedCount, from,
                    reopened.size(), String.join(", ", reopened));
        }
        if (watched.isEmpty()) {
            return;
        }
        // Only what was checked: the watch may have been cut at its limit.
        store.finalizeUpTo(account, Math.min(head - finalityDepth + 1, blockNumbers.last()));
    }

    private int broadcastSigned() throws IOException {
        List<ChainTransaction> signed = store.withStatus(account, TransactionStatus.SIGNED,
                configuration.batchSizeMax());
        if (signed.isEmpty()) {
            return 0;
        }
        Map<Long, SignedAttempt> current = currentAttempts(signed);
        JsonRpcBatch batch = new JsonRpcBatch(web3j);
        for (ChainTransaction intent : signed) {
            batch.add(web3j.ethSendRawTransaction(Numeric.toHexString(current.get(intent.id()).rawTransaction())));
        }
        List<Response<?>> responses = batch.send();
        List<SignedAttempt> accepted = new ArrayList<>();
        for (int i = 0; i < signed.size(); i++) {
            ChainTransaction intent = signed.get(i);
            SignedAttempt attempt = current.get(intent.id());
            EthSendTransaction response = (EthSendTransaction) responses.get(i);
            if (!response.hasError()) {
                accepted.add(attempt);
                continue;
            }
            String message = response.getError().getMessage();
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("already known") || lower.contains("known transaction")
                    || lower.contains("replacement transaction underpriced")) {
                // The node holds this or an earlier attempt of the same intent: it is out there.
                accepted.add(attempt);
            } else if (lower.contains("nonce too low")) {
                if (anyAttemptKnown(intent)) {
                    accepted.add(attempt);
                } else {
                    store.markFailed(intent.id(), "nonce " + intent.nonce() + " was used by a transaction the "
                            + "outbox did not send: another signer uses this account", null, null);
                }
            } else {
                store.recordError(intent.id(), "broadcast refused: " + message);
            }
        }
        faults.afterBroadcast();
        store.markBroadcast(accepted, clock.instant());
        return accepted.size();
    }

    private Receipts collectReceipts() throws IOException {
        List<ChainTransaction> broadcast = store.withStatus(account, TransactionStatus.BROADCAST,
                configuration.batchSizeMax());
        if (broadcast.isEmpty()) {
            return new Receipts(0, 0, List.of(), Map.of());
        }
        Map<Long, List<SignedAttempt>> attemptsByIntent = attemptsByIntent(broadcast);
        JsonRpcBatch batch = new JsonRpcBatch(web3j);
        List<SignedAttempt> asked = new ArrayList<>();
        for (ChainTransaction intent : broadcast) {
            for (SignedAttempt attempt : attemptsByIntent.getOrDefault(intent.id(), List.of())) {
                batch.add(web3j.ethGetTransactionReceipt(attempt.txHash()));
                asked.add(attempt);
            }
        }
        List<Response<?>> responses = batch.send();
        Map<Long, TransactionReceipt> receiptByIntent = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            EthGetTransactionReceipt response = (EthGetTransactionReceipt) responses.get(i);
            if (response.hasError()) {
                throw new IOException("receipt of " + asked.get(i).txHash() + ": " + response.getError().getMessage());
            }
            long intentId = asked.get(i).chainTxId();
            response.getTransactionReceipt().ifPresent(receipt -> receiptByIntent.put(intentId, receipt));
        }
        faults.afterReceipts();

        int failed = 0;
        List<ChainTransaction> unmined = new ArrayList<>();
        Map<Long, MinedReceipt> succeeded = new LinkedHashMap<>();
        for (ChainTransaction intent : broadcast) {
            TransactionReceipt receipt = receiptByIntent.get(intent.id());
            if (receipt == null) {
                unmined.add(intent);
                continue;
            }
            MinedReceipt minedReceipt = new MinedReceipt(receipt.getTransactionHash().toLowerCase(Locale.ROOT),
                    receipt.getBlockNumber().longValueExact(), receipt.getBlockHash().toLowerCase(Locale.ROOT),
                    receipt.getGasUsed().longValueExact(), Numeric.toBigInt(receipt.getStatus()).longValue() == STATUS_SUCCESS,
                    receipt.getContractAddress() == null ? null : receipt.getContractAddress().toLowerCase(Locale.ROOT),
                    receipt.getEffectiveGasPrice() == null ? null : Numeric.toBigInt(receipt.getEffectiveGasPrice()));
            if (minedReceipt.succeeded()) {
                succeeded.put(intent.id(), minedReceipt);
            } else {
                String reason = revertReason(intent, minedReceipt.blockNumber()).orElse(null);
                store.markFailed(intent.id(), "reverted on chain", reason, minedReceipt);
                LOG.warn("intent {} ({}) reverted in block {}: {}", intent.idempotencyKey(), intent.purpose(),
                        minedReceipt.blockNumber(), reason);
                failed++;
            }
        }
        // A node returns receipts only for canonical transactions: with one confirmation, the receipt is the proof.
        store.markMined(succeeded, confirmations <= 1 ? TransactionStatus.CONFIRMED : TransactionStatus.MINED);
        rebroadcastDropped(unmined, attemptsByIntent);
        return new Receipts(succeeded.size(), failed, unmined, attemptsByIntent);
    }

    /** A broadcast transaction the node no longer knows (a reorg dropped it, or its pool evicted it) is sent again. */
    private void rebroadcastDropped(List<ChainTransaction> unmined, Map<Long, List<SignedAttempt>> attemptsByIntent)
            throws IOException {
        if (unmined.isEmpty()) {
            return;
        }
        JsonRpcBatch lookups = new JsonRpcBatch(web3j);
        for (ChainTransaction intent : unmined) {
            lookups.add(web3j.ethGetTransactionByHash(intent.txHash()));
        }
        List<Response<?>> known = lookups.send();
        for (int i = 0; i < unmined.size(); i++) {
            ChainTransaction intent = unmined.get(i);
            if (((EthTransaction) known.get(i)).getTransaction().isPresent()) {
                continue;
            }
            SignedAttempt latest = attemptsByIntent.get(intent.id()).getLast();
            EthSendTransaction resent = web3j.ethSendRawTransaction(Numeric.toHexString(latest.rawTransaction())).send();
            if (resent.hasError()) {
                store.recordError(intent.id(), "re-broadcast refused: " + resent.getError().getMessage());
            } else {
                LOG.info("re-broadcast intent {} (nonce {}): the node had dropped it", intent.idempotencyKey(),
                        intent.nonce());
            }
        }
    }

    private int confirmMined() throws IOException {
        List<ChainTransaction> mined = store.withStatus(account, TransactionStatus.MINED,
                configuration.batchSizeMax());
        if (mined.isEmpty()) {
            return 0;
        }
        long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        TreeSet<Long> blockNumbers = new TreeSet<>();
        mined.forEach(intent -> blockNumbers.add(intent.blockNumber()));
        JsonRpcBatch batch = new JsonRpcBatch(web3j);
        for (long number : blockNumbers) {
            batch.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false));
        }
        List<Response<?>> blocks = batch.send();
        Map<Long, String> canonicalHash = new HashMap<>();
        int index = 0;
        for (long number : blockNumbers) {
            EthBlock.Block block = ((EthBlock) blocks.get(index++)).getBlock();
            canonicalHash.put(number, block == null ? null : block.getHash().toLowerCase(Locale.ROOT));
        }
        List<Long> confirmed = new ArrayList<>();
        for (ChainTransaction intent : mined) {
            if (!intent.blockHash().equals(canonicalHash.get(intent.blockNumber()))) {
                store.markReorged(intent.id());
                LOG.warn("intent {} was mined in block {} ({}), which a reorg removed; it goes out again",
                        intent.idempotencyKey(), intent.blockNumber(), intent.blockHash());
            } else if (head - intent.blockNumber() + 1 >= confirmations) {
                confirmed.add(intent.id());
            }
        }
        store.markConfirmed(confirmed);
        return confirmed.size();
    }

    private int replaceStuck(Receipts receipts) throws IOException {
        Instant now = clock.instant();
        Fees current = null;
        int replaced = 0;
        for (ChainTransaction intent : receipts.unmined()) {
            // The current attempt: the latest, whose hash the intent holds.
            SignedAttempt stuck = receipts.attemptsByIntent().get(intent.id()).stream()
                    .filter(attempt -> attempt.txHash().equals(intent.txHash()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("intent " + intent.id() + " has no attempt " + intent.txHash()));
            if (stuck.broadcastAt() == null
                    || Duration.between(stuck.broadcastAt(), now).compareTo(configuration.stuckAfter()) < 0) {
                continue;
            }
            if (intent.attempts() >= configuration.attemptsMax()) {
                store.recordError(intent.id(), "not mined after " + intent.attempts() + " attempts; waiting");
                continue;
            }
            Fees stuckFees = new Fees(stuck.maxFeePerGas(), stuck.maxPriorityFeePerGas());
            if (fees.atCap(stuckFees)) {
                store.recordError(intent.id(), "not mined, and its fees are at the configured cap; waiting");
                continue;
            }
            current = current != null ? current : fees.current();
            SignedAttempt replacement = sign(intent, stuck.nonce(), stuck.gasLimit(), fees.bumped(stuckFees, current));
            store.storeReplacement(replacement);
            LOG.info("replacing stuck intent {} (nonce {}) with max fee {} wei", intent.idempotencyKey(),
                    stuck.nonce(), replacement.maxFeePerGas());
            replaced++;
        }
        return replaced;
    }

    private SignedAttempt sign(ChainTransaction intent, long nonce, long gasLimit, Fees fees) {
        RawTransaction raw = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce),
                BigInteger.valueOf(gasLimit), intent.to() == null ? "" : intent.to(), intent.valueWei(),
                Numeric.toHexString(intent.calldata()), fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        byte[] signed = TransactionEncoder.signMessage(raw, signer);
        String hash = Numeric.toHexString(Hash.sha3(signed));
        return new SignedAttempt(hash, intent.id(), nonce, gasLimit, fees.maxFeePerGas(), fees.maxPriorityFeePerGas(),
                signed, null);
    }

    private Map<Long, Response<?>> estimateGas(List<ChainTransaction> intents) throws IOException {
        List<ChainTransaction> toEstimate = intents.stream().filter(intent -> intent.gasLimit() == null).toList();
        Map<Long, Response<?>> estimates = new HashMap<>();
        if (toEstimate.isEmpty()) {
            return estimates;
        }
        JsonRpcBatch batch = new JsonRpcBatch(web3j);
        for (ChainTransaction intent : toEstimate) {
            batch.add(web3j.ethEstimateGas(callOf(intent)));
        }
        List<Response<?>> responses = batch.send();
        for (int i = 0; i < toEstimate.size(); i++) {
            estimates.put(toEstimate.get(i).id(), responses.get(i));
        }
        return estimates;
    }

    private Optional<String> revertReason(ChainTransaction intent, long blockNumber) throws IOException {
        EthCall replay = web3j.ethCall(callOf(intent), DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber)))
                .send();
        if (replay.hasError()) {
            return reasons.decode(replay.getError().getData()).or(() -> reasons.decode(replay.getError().getMessage()))
                    .or(() -> Optional.of(replay.getError().getMessage()));
        }
        return reasons.decode(replay.getRevertReason()).or(() -> reasons.decode(replay.getValue()));
    }

    private Transaction callOf(ChainTransaction intent) {
        String data = Numeric.toHexString(intent.calldata());
        if (intent.to() == null) {
            return Transaction.createContractTransaction(from, null, null, null, intent.valueWei(), data);
        }
        return Transaction.createFunctionCallTransaction(from, null, null, null, intent.to(), intent.valueWei(), data);
    }

    private boolean anyAttemptKnown(ChainTransaction intent) throws IOException {
        for (SignedAttempt attempt : store.attemptsOf(List.of(intent.id()))) {
            if (web3j.ethGetTransactionByHash(attempt.txHash()).send().getTransaction().isPresent()) {
                return true;
            }
        }
        return false;
    }

    private Map<Long, SignedAttempt> currentAttempts(List<ChainTransaction> intents) {
        Map<Long, String> currentHash = new HashMap<>();
        intents.forEach(intent -> currentHash.put(intent.id(), intent.txHash()));
        Map<Long, SignedAttempt> current = new HashMap<>();
        for (SignedAttempt attempt : store.attemptsOf(currentHash.keySet())) {
            if (attempt.txHash().equals(currentHash.get(attempt.chainTxId()))) {
                current.put(attempt.chainTxId(), attempt);
            }
        }
        return current;
    }

    private Map<Long, List<SignedAttempt>> attemptsByIntent(List<ChainTransaction> intents) {
        Map<Long, List<SignedAttempt>> byIntent = new LinkedHashMap<>();
        for (SignedAttempt attempt : store.attemptsOf(intents.stream().map(ChainTransaction::id).toList())) {
            byIntent.computeIfAbsent(attempt.chainTxId(), id -> new ArrayList<>()).add(attempt);
        }
        return byIntent;
    }

    private static long withMargin(BigInteger estimate) {
        return estimate.multiply(BigInteger.valueOf(100 + GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100))
                .longValueExact();
    }

    /** What receipts said, and every attempt of the intents asked about (replacement decisions reuse them). */
    private record Receipts(int mined, int failed, List<ChainTransaction> unmined,
            Map<Long, List<SignedAttempt>> attemptsByIntent) {}

    private record Unsigned(ChainTransaction intent, long nonce, long gasLimit) {}
}
