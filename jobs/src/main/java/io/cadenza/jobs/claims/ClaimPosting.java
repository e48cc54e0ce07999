package io.cadenza.jobs.claims;

import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.outbox.OutboxConfiguration;
import io.cadenza.indexer.query.IndexReader;
import io.cadenza.indexer.query.IndexedClaim;
import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.Entry;
import io.cadenza.jobs.ledger.Ledger;
import io.cadenza.jobs.ledger.LedgerAccount;
import io.cadenza.jobs.ledger.Posting;
import io.cadenza.indexer.query.IndexedOffering;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts the claims the index has seen final, in chain order: each moves its amount from the offering's unclaimed
 * account to the holder's claimed one ({@code offering:<token>:holder:<address>}; what the sale claims goes to the
 * artist's treasury on chain, and is the sale's here). The checkpoint moves in the postings' transaction, and each
 * claim's entry is keyed by its log, so a batch posted twice is posted once.
 */
@Singleton
public class ClaimPosting {
    /** Claims posted per transaction. */
    static final int BATCH = 500;

    private final ClaimCheckpoints checkpoints;
    private final IndexReader index;
    private final Ledger ledger;
    private final long chainId;
    private final int finalityDepth;
    private final Clock clock;
    private final Map<String, String> payoutTokens = new ConcurrentHashMap<>();

    public ClaimPosting(ClaimCheckpoints checkpoints, IndexReader index, Ledger ledger, ChainConnection connection,
            OutboxConfiguration outboxConfiguration, Clock clock) {
        this(checkpoints, index, ledger, connection.chainId(), outboxConfiguration.finalityDepthFor(
                connection.chainId()), clock);
    }

    ClaimPosting(ClaimCheckpoints checkpoints, IndexReader index, Ledger ledger, long chainId, int finalityDepth,
            Clock clock) {
        this.checkpoints = checkpoints;
        this.index = index;
        this.ledger = ledger;
        this.chainId = chainId;
        this.finalityDepth = finalityDepth;
        this.clock = clock;
    }

    /** Posts one batch of final claims; answers how many (zero when caught up). */
    @Transactional
    public int postBatch() {
        checkpoints.create(chainId);
        ClaimCheckpoint at = checkpoints.lock(chainId).orElseThrow();
        List<String> tokens = checkpoints.distributedTokens();
        long finalBlock = index.indexedBlock(chainId) - finalityDepth;
        if (tokens.isEmpty() || finalBlock <= at.blockNumber()) {
            return 0;
        }
        List<IndexedClaim> claims = index.claims(chainId, tokens, at.blockNumber(), at.logIndex(), finalBlock, BATCH);
        if (claims.isEmpty()) {
            return 0;
        }
        List<Entry> entries = new ArrayList<>(claims.size());
        for (IndexedClaim claim : claims) {
            Asset payout = Asset.token(chainId, payoutTokenOf(claim.token()));
            String offering = "offering:" + claim.token();
            entries.add(new Entry("claim:" + chainId + ":" + claim.transactionHash() + ":" + claim.logIndex(),
                    "Claimed by " + claim.holder() + " in block " + claim.blockNumber(), clock.instant(), List.of(
                            Posting.credit(new LedgerAccount(AccountKind.UNCLAIMED, offering, payout), claim.amount()),
                            Posting.debit(new LedgerAccount(AccountKind.CLAIMED, offering + ":holder:"
                                    + claim.holder().toLowerCase(Locale.ROOT), payout), claim.amount()))));
        }
        ledger.postAll(entries);
        IndexedClaim last = claims.getLast();
        checkpoints.advance(chainId, last.blockNumber(), last.logIndex());
        return claims.size();
    }

    private String payoutTokenOf(String shares) {
        return payoutTokens.computeIfAbsent(shares, token -> index.offering(chainId, token)
                .map(IndexedOffering::payoutToken).orElseThrow(() -> new IllegalStateException(
                        "claims of " + token + ", which the index holds no offering of")));
    }
}
