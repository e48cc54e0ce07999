package io.cadenza.jobs.statements;

import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.jobs.distributions.Distribution;
import io.cadenza.jobs.distributions.DistributionStore;
import io.cadenza.jobs.distributions.PayoutTokens;
import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.Entry;
import io.cadenza.jobs.ledger.Ledger;
import io.cadenza.jobs.ledger.LedgerAccount;
import io.cadenza.jobs.ledger.Posting;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Moves an approved statement's income, in the approval's transaction. Per master and currency, one ledger entry:
 * <pre>
 *   currency:  royalty income (master)      − gross      treasury (platform)          + gross
 *   token:     treasury (platform)          − units      holder pool (each offering)  + its part
 *                                                        artist share (master)        + the rest
 * </pre>
 * (the treasury takes the fiat and owes the tokens it converts to at the recorded rate), a split row keyed by that
 * entry, and per offering one distribution of its pool, PLANNED. The distribution rows' uniqueness per statement and
 * offering, and the entries' business keys, make a second allocation of the same statement fail whatever the caller.
 */
@Singleton
public class IncomeAllocation {
    private final RoyaltyCatalog catalog;
    private final PayoutTokens tokens;
    private final Ledger ledger;
    private final SplitStore splits;
    private final DistributionStore distributions;
    private final DeploymentManifest manifest;
    private final RoyaltyConfiguration configuration;

    public IncomeAllocation(RoyaltyCatalog catalog, PayoutTokens tokens, Ledger ledger, SplitStore splits,
            DistributionStore distributions, DeploymentManifest manifest, RoyaltyConfiguration configuration) {
        this.catalog = catalog;
        this.tokens = tokens;
        this.ledger = ledger;
        this.splits = splits;
        this.distributions = distributions;
        this.manifest = manifest;
        this.configuration = configuration;
    }

    /** Allocates the statement's paid lines; answers the distributions planned. */
    public List<Distribution> allocate(RoyaltyStatement statement, List<StatementLine> paid, Instant now) {
        record Group(UUID masterId, String currency) {}
        Map<Group, BigInteger> gross = new LinkedHashMap<>();
        Map<Group, BigDecimal> rates = new LinkedHashMap<>();
        for (StatementLine line : paid) {
            Group group = new Group(line.masterId(), line.currency());
            gross.merge(group, line.grossMinor(), BigInteger::add);
            BigDecimal rate = line.exchangeRate() == null ? BigDecimal.ONE : line.exchangeRate();
            BigDecimal earlier = rates.putIfAbsent(group, rate);
            if (earlier != null && earlier.compareTo(rate) != 0) {
                throw new StatementException(StatementException.Kind.CONFLICT, "Lines of master " + group.masterId()
                        + " in " + group.currency() + " carry different rates.");
            }
        }
        long chainId = manifest.chainId();
        Map<UUID, BigInteger> pools = new LinkedHashMap<>();
        Map<UUID, RoyaltyCatalog.CatalogOffering> offeringsById = new LinkedHashMap<>();
        for (Map.Entry<Group, BigInteger> each : gross.entrySet()) {
            Group group = each.getKey();
            RoyaltyCatalog.CatalogMaster master = catalog.master(group.masterId()).orElseThrow(() ->
                    new StatementException(StatementException.Kind.CONFLICT, "Master " + group.masterId()
                            + " is gone from the catalog."));
            List<RoyaltyCatalog.CatalogOffering> offerings = catalog.offeringsOf(master.id());
            String payoutToken = payoutTokenOf(master, offerings);
            int currencyDigits = Currency.getInstance(group.currency()).getDefaultFractionDigits();
            BigDecimal rate = rates.get(group);
            IncomeSplit split = IncomeSplit.of(each.getValue(), currencyDigits, rate, tokens.decimals(payoutToken),
                    master.royaltyShareBps(), offerings);

            Asset fiat = new Asset(group.currency());
            Asset token = Asset.token(chainId, payoutToken);
            List<Posting> postings = new ArrayList<>();
            postings.add(Posting.credit(new LedgerAccount(AccountKind.ROYALTY_INCOME, "master:" + master.id(), fiat),
                    each.getValue()));
            postings.add(Posting.debit(new LedgerAccount(AccountKind.TREASURY, "platform", fiat), each.getValue()));
            if (split.payoutUnits().signum() > 0) {
                postings.add(Posting.credit(new LedgerAccount(AccountKind.TREASURY, "platform", token),
                        split.payoutUnits()));
                for (IncomeSplit.Part part : split.perOffering()) {
                    if (part.units().signum() > 0) {
                        postings.add(Posting.debit(new LedgerAccount(AccountKind.HOLDER_POOL,
                                "offering:" + part.sharesToken(), token), part.units()));
                        pools.merge(part.offeringId(), part.units(), BigInteger::add);
                    }
                }
                if (split.artistUnits().signum() > 0) {
                    postings.add(Posting.debit(new LedgerAccount(AccountKind.ARTIST_SHARE, "master:" + master.id(),
                            token), split.artistUnits()));
                }
            }
            offerings.forEach(offering -> offeringsById.put(offering.id(), offering));
            String key = "statement:" + statement.id() + ":master:" + master.id() + ":" + group.currency();
            Ledger.Posted posted = ledger.post(new Entry(key, describe(statement, master, group.currency(),
                    each.getValue(), rate, split), now, postings));
            if (!posted.written()) {
                throw new StatementException(StatementException.Kind.CONFLICT, "Statement " + statement.id()
                        + " was allocated already.");
            }
            splits.save(new RoyaltySplit(posted.entryId(), statement.id(), master.id(), master.artistId(),
                    group.currency(), each.getValue(), rate, payoutToken, split.payoutUnits(),
                    master.royaltyShareBps(), split.holderUnits(), split.artistUnits()));
        }
        List<Distribution> planned = new ArrayList<>();
        for (Map.Entry<UUID, BigInteger> pool : pools.entrySet()) {
            RoyaltyCatalog.CatalogOffering offering = offeringsById.get(pool.getKey());
            planned.add(distributions.save(Distribution.planned(statement.id(), offering.masterId(), offering.id(),
                    offering.sharesToken(), offering.payoutToken(), pool.getValue(), now)));
        }
        return planned;
    }

    /** The token a master's income is paid in: its offerings' (one token, or the split is refused), else the default. */
    private String payoutTokenOf(RoyaltyCatalog.CatalogMaster master, List<RoyaltyCatalog.CatalogOffering> offerings) {
        List<String> distinct = offerings.stream().map(offering -> offering.payoutToken().toLowerCase(Locale.ROOT))
                .distinct().toList();
        if (distinct.size() > 1) {
            throw new StatementException(StatementException.Kind.CONFLICT, "Master " + master.id()
                    + " has offerings paying out in different tokens " + distinct + "; its income cannot be split"
                    + " by one rate.");
        }
        return distinct.isEmpty() ? manifest.stablecoin().toLowerCase(Locale.ROOT) : distinct.getFirst();
    }

    private String describe(RoyaltyStatement statement, RoyaltyCatalog.CatalogMaster master, String currency,
            BigInteger grossMinor, BigDecimal rate, IncomeSplit split) {
        String text = "Royalties from " + statement.source() + " for " + YearMonth.from(statement.periodStart())
                + ".." + YearMonth.from(statement.periodEnd()) + ", master " + master.isrc() + ": " + grossMinor + " "
                + currency + " minor units at " + rate.toPlainString() + " " + configuration.payoutCurrency() + " = "
                + split.payoutUnits() + " units; " + split.holderUnits() + " to holders, " + split.artistUnits()
                + " to the artist";
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
