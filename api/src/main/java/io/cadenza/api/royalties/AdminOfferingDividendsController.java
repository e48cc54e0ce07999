package io.cadenza.api.royalties;

import io.cadenza.api.offerings.Offering;
import io.cadenza.api.offerings.OfferingStore;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.indexer.query.IndexReader;
import io.cadenza.indexer.query.IndexedDividends;
import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.LedgerAccount;
import io.cadenza.jobs.ledger.LedgerViews;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigInteger;
import java.util.Locale;
import java.util.UUID;

/**
 * An offering's dividends for admins, from the index (the chain's view, every distribution made to the token) and
 * from the ledger (the platform's distributions) side by side: distributed, claimed, claimable, carried. They agree
 * when every distribution to the token went through the platform and everything the ledger holds is final.
 */
@Controller("/v1/admin/offerings/{id}/dividends")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminOfferingDividendsController {
    private final OfferingStore offerings;
    private final IndexReader index;
    private final LedgerViews ledger;
    private final long chainId;

    public AdminOfferingDividendsController(OfferingStore offerings, IndexReader index, LedgerViews ledger,
            ChainConnection connection) {
        this.offerings = offerings;
        this.index = index;
        this.ledger = ledger;
        this.chainId = connection.chainId();
    }

    /** Payout-token base units, as decimal text. */
    @Serdeable
    public record Figures(String distributed, String claimed, String claimable, String carried) {
        static Figures of(BigInteger distributed, BigInteger claimed, BigInteger claimable, BigInteger carried) {
            return new Figures(distributed.toString(), claimed.toString(), claimable.toString(), carried.toString());
        }
    }

    /** The ledger's figures, with what it holds before the chain: the pool not sent, and what is sent, not final. */
    @Serdeable
    public record LedgerFigures(Figures confirmed, String pool, String pending) {}

    @Serdeable
    public record DividendsView(UUID offeringId, String sharesToken, String payoutToken, @Nullable Figures index,
            long indexDistributions, LedgerFigures ledger, boolean agree) {}

    @Get(produces = MediaType.APPLICATION_JSON)
    public DividendsView show(@PathVariable UUID id) {
        Offering offering = offerings.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No offering " + id + "."));
        if (offering.sharesAddress() == null) {
            throw new ProblemException(ProblemType.CONFLICT, "The offering has no share token on chain yet.");
        }
        String shares = offering.sharesAddress().toLowerCase(Locale.ROOT);
        Asset token = Asset.token(chainId, offering.payoutToken());
        BigInteger unclaimed = balance(AccountKind.UNCLAIMED, shares, token);
        BigInteger carried = balance(AccountKind.CARRIED_REMAINDER, shares, token);
        BigInteger claimed = ledger.total(AccountKind.CLAIMED.name().toLowerCase(Locale.ROOT) + "/offering:" + shares
                + ":holder:").toBigIntegerExact();
        Figures confirmed = Figures.of(unclaimed.add(carried).add(claimed), claimed, unclaimed, carried);
        LedgerFigures books = new LedgerFigures(confirmed, balance(AccountKind.HOLDER_POOL, shares, token).toString(),
                balance(AccountKind.DISTRIBUTED_PENDING, shares, token).toString());
        IndexedDividends indexed = index.dividends(chainId, shares).orElse(null);
        Figures chain = indexed == null ? null : Figures.of(indexed.totalDistributed(), indexed.totalClaimed(),
                indexed.claimable(), indexed.carriedRemainder());
        return new DividendsView(id, shares, offering.payoutToken().toLowerCase(Locale.ROOT), chain,
                indexed == null ? 0 : indexed.distributionCount(), books, confirmed.equals(chain));
    }

    private BigInteger balance(AccountKind kind, String shares, Asset token) {
        return ledger.total(new LedgerAccount(kind, "offering:" + shares, token).code()).toBigIntegerExact();
    }
}
