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
import io.cadenza.jobs.custody.CustodyHolders;
import io.cadenza.jobs.distributions.PayoutTokens;
import io.cadenza.jobs.statements.RoyaltyConfiguration;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashMap;
import java.util.UUID;
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
    private final CustodyHolders custody;
    private final io.cadenza.jobs.ledger.LedgerViews views;
    private final PayoutTokens tokens;
    private final String payoutCurrency;
    private final long chainId;
    private final int finalityDepth;
    private final Clock clock;
    private final Map<String, String> payoutTokens = new ConcurrentHashMap<>();

    public ClaimPosting(ClaimCheckpoints checkpoints, IndexReader index, Ledger ledger, CustodyHolders custody,
            io.cadenza.jobs.ledger.LedgerViews views, PayoutTokens tokens, RoyaltyConfiguration configuration,
            ChainConnection connection, OutboxConfiguration outboxConfiguration, Clock clock) {
        this.checkpoints = checkpoints;
        this.index = index;
        this.ledger = ledger;
        this.custody = custody;
        this.views = views;
        this.tokens = tokens;
        this.payoutCurrency = configuration.payoutCurrency();
        this.chainId = connection.chainId();
        this.finalityDepth = outboxConfiguration.finalityDepthFor(chainId);
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
        Map<String, UUID> custodial = new HashMap<>();
        custody.findByAddressIn(claims.stream().map(claim -> claim.holder().toLowerCase(Locale.ROOT)).distinct()
                .toList()).forEach(holder -> custodial.put(holder.address(), holder.accountId()));
        List<Entry> entries = new ArrayList<>(claims.size());
        Map<String, BigInteger> unposted = new HashMap<>();
        for (IndexedClaim claim : claims) {
            String payoutToken = payoutTokenOf(claim.token());
            Entry claimed = entryOf(claim, Asset.token(chainId, payoutToken), chainId, clock);
            entries.add(claimed);
            UUID investor = custodial.get(claim.holder().toLowerCase(Locale.ROOT));
            if (investor != null) {
                fiatCredit(claim, claimed, payoutToken, investor, unposted).ifPresent(entries::add);
            }
        }
        ledger.postAll(entries);
        IndexedClaim last = claims.getLast();
        checkpoints.advance(chainId, last.blockNumber(), last.logIndex());
        return claims.size();
    }

    /**
     * What a custodial holder claimed is the platform's to hold and the investor's to be paid in fiat: the claimed
     * units, in whole minor units of the payout currency (a fraction waits until later claims make it whole), go to
     * the treasury against the investor's custody-converted account, and the treasury owes them to the investor's fiat
     * payable. The holder's claimed account stays what the chain says they claimed.
     */
    private java.util.Optional<Entry> fiatCredit(IndexedClaim claim, Entry claimed, String payoutToken,
            UUID investor, Map<String, BigInteger> unposted) {
        int currencyDigits = Math.max(java.util.Currency.getInstance(payoutCurrency).getDefaultFractionDigits(), 0);
        int shift = tokens.decimals(payoutToken) - currencyDigits;
        Asset payout = Asset.token(chainId, payoutToken);
        LedgerAccount holderClaimed = new LedgerAccount(AccountKind.CLAIMED, "offering:" + claim.token()
                .toLowerCase(Locale.ROOT) + ":holder:" + claim.holder().toLowerCase(Locale.ROOT), payout);
        LedgerAccount converted = new LedgerAccount(AccountKind.CUSTODY_CONVERTED, "account:" + investor, payout);
        // Claimed and not converted yet, over all the investor's claims in this token: this one, fractions left by
        // earlier ones (posted, or earlier in this batch).
        String pending = converted.code();
        BigInteger available = views.totalOfHolder(claim.holder().toLowerCase(Locale.ROOT), payout.code())
                .toBigIntegerExact().add(ledger.balance(converted))
                .add(unposted.getOrDefault(pending, BigInteger.ZERO)).add(claim.amount());
        BigInteger unit = BigInteger.TEN.pow(Math.max(shift, 0));
        BigInteger minor = shift >= 0 ? available.divide(unit) : available.multiply(BigInteger.TEN.pow(-shift));
        BigInteger units = shift >= 0 ? minor.multiply(unit) : available;
        unposted.merge(pending, claim.amount().subtract(units), BigInteger::add);
        if (minor.signum() <= 0) {
            return java.util.Optional.empty();
        }
        Asset fiat = new Asset(payoutCurrency);
        return java.util.Optional.of(new Entry("custody-credit:" + claimed.businessKey(), "Custodial claim by "
                + claim.holder() + ": " + minor + " " + payoutCurrency + " minor units owed to investor " + investor,
                clock.instant(), List.of(
                        Posting.credit(converted, units),
                        Posting.debit(new LedgerAccount(AccountKind.TREASURY, "platform", payout), units),
                        Posting.credit(new LedgerAccount(AccountKind.TREASURY, "platform", fiat), minor),
                        Posting.debit(new LedgerAccount(AccountKind.FIAT_PAYABLE, "account:" + investor, fiat),
                                minor))));
    }

    /** A claim's entry: unclaimed (the offering's) → claimed (the holder's), keyed by the claim's log. */
    public static Entry entryOf(IndexedClaim claim, Asset payout, long chainId, Clock clock) {
        String offering = "offering:" + claim.token().toLowerCase(Locale.ROOT);
        return new Entry("claim:" + chainId + ":" + claim.transactionHash() + ":" + claim.logIndex(),
                "Claimed by " + claim.holder() + " in block " + claim.blockNumber(), clock.instant(), List.of(
                        Posting.credit(new LedgerAccount(AccountKind.UNCLAIMED, offering, payout), claim.amount()),
                        Posting.debit(new LedgerAccount(AccountKind.CLAIMED, offering + ":holder:"
                                + claim.holder().toLowerCase(Locale.ROOT), payout), claim.amount())));
    }

    private String payoutTokenOf(String shares) {
        return payoutTokens.computeIfAbsent(shares, token -> index.offering(chainId, token)
                .map(IndexedOffering::payoutToken).orElseThrow(() -> new IllegalStateException(
                        "claims of " + token + ", which the index holds no offering of")));
    }
}
