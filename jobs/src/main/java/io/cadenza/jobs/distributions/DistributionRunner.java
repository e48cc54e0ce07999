package io.cadenza.jobs.distributions;

import io.cadenza.chain.calls.PlatformCalls;
import io.cadenza.chain.outbox.ChainTransaction;
import io.cadenza.chain.outbox.OutboxConfiguration;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import io.cadenza.indexer.query.IndexReader;
import io.cadenza.indexer.query.IndexedDistribution;
import io.cadenza.jobs.ledger.Ledger;
import io.cadenza.jobs.statements.RoyaltyConfiguration;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances distributions, each step in one transaction with the distribution row locked:
 * <ol>
 *   <li><b>Funding.</b> The treasury (the operator) must hold the amount on top of what distributions already handed
 *       to the outbox will pull. Short, it waits as AWAITING_FUNDS with the shortfall — or, where test funds are
 *       minted (local chains), mints the shortfall first, as an earlier intent of the same account.</li>
 *   <li><b>Submission.</b> {@code approve} and {@code distribute} go to the outbox with the ledger entry
 *       "holder pool → distributed (pending)", in one commit: both or neither.</li>
 *   <li><b>Confirmation.</b> When the index holds the {@code Distributed} event of the transaction and its block is
 *       final, "pending → unclaimed + carried remainder", to the unit the contract reports. A reorg before finality
 *       changes nothing here: the outbox sends the transaction again and the index follows.</li>
 *   <li><b>Failure.</b> A call refused or reverted reverses the pending entry; the distribution is FAILED with the
 *       decoded reason, and a retry is one new attempt (new outbox keys).</li>
 * </ol>
 */
@Singleton
public class DistributionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DistributionRunner.class);

    private final DistributionStore distributions;
    private final TransactionOutbox outbox;
    private final IndexReader index;
    private final PayoutTokens tokens;
    private final Ledger ledger;
    private final RoyaltyConfiguration configuration;
    private final long chainId;
    private final int finalityDepth;
    private final Clock clock;

    public DistributionRunner(DistributionStore distributions, TransactionOutbox outbox, IndexReader index,
            PayoutTokens tokens, Ledger ledger, RoyaltyConfiguration configuration, OutboxConfiguration outboxConfiguration,
            io.cadenza.chain.connection.ChainConnection connection, Clock clock) {
        this.distributions = distributions;
        this.outbox = outbox;
        this.index = index;
        this.tokens = tokens;
        this.ledger = ledger;
        this.configuration = configuration;
        this.chainId = connection.chainId();
        this.finalityDepth = outboxConfiguration.finalityDepthFor(chainId);
        this.clock = clock;
    }

    /**
     * One step of one distribution, if it can take one now; answers whether it changed. Instances advancing the same
     * distribution take turns on its row lock, and each step checks the status it found under it.
     */
    @Transactional
    public boolean advance(UUID id) {
        Distribution distribution = distributions.lock(id).orElseThrow();
        return switch (distribution.status()) {
            case PLANNED, AWAITING_FUNDS -> fundAndSubmit(distribution);
            case SUBMITTED -> settle(distribution);
            case CONFIRMED, FAILED -> false;
        };
    }

    /** A FAILED distribution's next attempt (once per failed attempt), PLANNED again. */
    @Transactional
    public Distribution retry(UUID id, int failedAttempt) {
        if (distributions.retry(id, failedAttempt, now()) != 1) {
            Distribution current = distributions.findById(id).orElseThrow(() ->
                    new DistributionException(DistributionException.Kind.NOT_FOUND, "No distribution " + id + "."));
            throw new DistributionException(DistributionException.Kind.CONFLICT, "Distribution " + id + " is "
                    + current.status() + " (attempt " + current.attempt() + "): only a FAILED attempt is retried.");
        }
        return distributions.findById(id).orElseThrow();
    }

    private boolean fundAndSubmit(Distribution distribution) {
        String treasury = tokens.treasury();
        BigInteger balance = tokens.balanceOf(distribution.payoutToken(), treasury);
        BigInteger needed = distribution.amount().add(pulledSoon(distribution));
        BigInteger shortfall = needed.subtract(balance);
        List<io.cadenza.chain.outbox.TransactionIntent> intents = new ArrayList<>();
        if (shortfall.signum() > 0) {
            if (!configuration.mintsTestFunds(chainId)) {
                String reason = "the treasury " + treasury + " holds " + balance + " units of "
                        + distribution.payoutToken() + "; it needs " + needed + " (" + shortfall + " more)";
                if (distribution.status() == DistributionStatus.AWAITING_FUNDS && reason.equals(distribution.reason())) {
                    return false;
                }
                distributions.move(distribution.id(), distribution.status(), DistributionStatus.AWAITING_FUNDS, reason,
                        now());
                LOG.info("distribution {} awaits funds: {}", distribution.id(), reason);
                return true;
            }
            intents.add(PlatformCalls.mintTestStablecoin(distribution.intentKey("mint"), distribution.payoutToken(),
                    treasury, shortfall));
        }
        intents.add(PlatformCalls.approveToken(distribution.intentKey("approve"), distribution.payoutToken(),
                distribution.sharesToken(), distribution.amount()));
        intents.add(PlatformCalls.distribute(distribution.intentKey("distribute"), distribution.sharesToken(),
                distribution.amount()));
        ledger.post(DistributionEntries.submitted(distribution, chainId, now()));
        intents.forEach(outbox::submit);
        distributions.submitted(distribution.id(), now());
        LOG.info("distribution {} (attempt {}) submitted: {} units to {}", distribution.id(), distribution.attempt(),
                distribution.amount(), distribution.sharesToken());
        return true;
    }

    /** What other submitted distributions in the same token will still pull from the treasury. */
    private BigInteger pulledSoon(Distribution distribution) {
        BigInteger pending = BigInteger.ZERO;
        for (Distribution other : distributions.submittedIn(distribution.payoutToken())) {
            Optional<ChainTransaction> call = outbox.find(other.intentKey("distribute"));
            if (call.isEmpty() || !settledOnChain(call.get().status())) {
                pending = pending.add(other.amount());
            }
        }
        return pending;
    }

    private static boolean settledOnChain(TransactionStatus status) {
        return status == TransactionStatus.MINED || status == TransactionStatus.CONFIRMED
                || status == TransactionStatus.FAILED;
    }

    private boolean settle(Distribution distribution) {
        List<ChainTransaction> calls = new ArrayList<>();
        for (String call : List.of("mint", "approve", "distribute")) {
            outbox.find(distribution.intentKey(call)).ifPresent(calls::add);
        }
        Optional<ChainTransaction> failed = calls.stream().filter(call -> call.status() == TransactionStatus.FAILED)
                .findFirst();
        if (failed.isPresent()) {
            fail(distribution, failed.get());
            return true;
        }
        ChainTransaction distribute = calls.getLast();
        if (distribute.txHash() == null || !(distribute.status() == TransactionStatus.MINED
                || distribute.status() == TransactionStatus.CONFIRMED)) {
            return false;
        }
        Optional<IndexedDistribution> seen = index.distributionIn(chainId, distribution.sharesToken(),
                distribute.txHash());
        if (seen.isEmpty() || index.indexedBlock(chainId) - seen.get().blockNumber() < finalityDepth) {
            return false;
        }
        IndexedDistribution event = seen.get();
        if (event.amount().compareTo(distribution.amount()) != 0) {
            throw new IllegalStateException("distribution " + distribution.id() + " sent " + distribution.amount()
                    + " but the chain reports " + event.amount());
        }
        BigInteger credited = event.creditedToHolders();
        BigInteger carried = event.amount().subtract(credited);
        ledger.post(DistributionEntries.confirmed(distribution, chainId, credited, event.blockNumber(), now()));
        distributions.confirmed(distribution.id(), event.transactionHash(), event.distributionId(),
                event.blockNumber(), credited, carried, now());
        LOG.info("distribution {} confirmed: chain distribution {} in block {}", distribution.id(),
                event.distributionId(), event.blockNumber());
        return true;
    }

    private void fail(Distribution distribution, ChainTransaction call) {
        String reason = call.purpose() + " " + call.failureSummary();
        long submitted = ledger.entryId(DistributionEntries.key(distribution, "submitted")).orElseThrow(() ->
                new IllegalStateException("distribution " + distribution.id() + " was submitted without its entry"));
        ledger.reverse(submitted, DistributionEntries.key(distribution, "reversed"), "Distribution " + distribution.id()
                + " (attempt " + distribution.attempt() + ") failed: " + reason, now());
        distributions.move(distribution.id(), DistributionStatus.SUBMITTED, DistributionStatus.FAILED,
                reason.length() <= 600 ? reason : reason.substring(0, 600), now());
        LOG.warn("distribution {} (attempt {}) failed: {}", distribution.id(), distribution.attempt(), reason);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
