package io.cadenza.jobs.distributions;

import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.Entry;
import io.cadenza.jobs.ledger.LedgerAccount;
import io.cadenza.jobs.ledger.Posting;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The ledger entries of a distribution's steps, each keyed by the distribution, its attempt and the step. */
public final class DistributionEntries {
    private DistributionEntries() {}

    public static String key(Distribution distribution, String step) {
        return "distribution:" + distribution.id() + ":" + distribution.attempt() + ":" + step;
    }

    /** Sent: the holder pool's amount is on its way (distributed, pending). */
    public static Entry submitted(Distribution distribution, long chainId, Instant at) {
        Asset token = Asset.token(chainId, distribution.payoutToken());
        return new Entry(key(distribution, "submitted"), "Distribution " + distribution.id() + " (attempt "
                + distribution.attempt() + ") of " + distribution.amount() + " units to the holders of "
                + distribution.sharesToken() + ", sent", at, List.of(
                        Posting.credit(account(AccountKind.HOLDER_POOL, distribution, token), distribution.amount()),
                        Posting.debit(account(AccountKind.DISTRIBUTED_PENDING, distribution, token),
                                distribution.amount())));
    }

    /**
     * Final: what the contract credited to holders becomes unclaimed, and the rest moves its carried remainder (a
     * negative rest: the distribution credited units carried before).
     */
    public static Entry confirmed(Distribution distribution, long chainId, BigInteger credited, long blockNumber,
            Instant at) {
        Asset token = Asset.token(chainId, distribution.payoutToken());
        BigInteger carried = distribution.amount().subtract(credited);
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.credit(account(AccountKind.DISTRIBUTED_PENDING, distribution, token),
                distribution.amount()));
        if (credited.signum() != 0) {
            postings.add(Posting.debit(account(AccountKind.UNCLAIMED, distribution, token), credited));
        }
        if (carried.signum() != 0) {
            postings.add(Posting.debit(account(AccountKind.CARRIED_REMAINDER, distribution, token), carried));
        }
        return new Entry(key(distribution, "confirmed"), "Distribution " + distribution.id() + " final in block "
                + blockNumber + ": " + credited + " units credited to holders, carried remainder "
                + (carried.signum() >= 0 ? "+" : "") + carried, at, postings);
    }

    private static LedgerAccount account(AccountKind kind, Distribution distribution, Asset token) {
        return new LedgerAccount(kind, "offering:" + distribution.sharesToken(), token);
    }
}
