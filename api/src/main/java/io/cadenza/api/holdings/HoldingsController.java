package io.cadenza.api.holdings;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.index.IndexFreshnessView;
import io.cadenza.api.offerings.OfferingDirectory;
import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.wallets.LinkedWallet;
import io.cadenza.api.wallets.WalletStore;
import io.cadenza.jobs.custody.CustodyHolders;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.indexer.query.Holding;
import io.cadenza.indexer.query.IndexFreshness;
import io.cadenza.indexer.query.IndexReader;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The caller's own holdings and dividends, across every wallet they linked, from the indexer's projections. */
@Controller("/v1/me")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class HoldingsController {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

    private final WalletStore wallets;
    private final CustodyHolders custody;
    private final IndexReader index;
    private final OfferingDirectory directory;
    private final IndexFreshness freshness;
    private final long chainId;

    public HoldingsController(WalletStore wallets, CustodyHolders custody, IndexReader index,
            OfferingDirectory directory, IndexFreshness freshness, ChainConfiguration chain) {
        this.wallets = wallets;
        this.custody = custody;
        this.index = index;
        this.directory = directory;
        this.freshness = freshness;
        this.chainId = chain.chainId();
    }

    @Get("/holdings")
    public Page<HoldingView> holdings(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit,
            Authentication authentication) {
        return page(Caller.of(authentication), cursor, limit, false);
    }

    /** Holdings with dividends to claim now; a wallet that sold its shares keeps what it earned while holding. */
    @Get("/dividends")
    public Page<HoldingView> dividends(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit,
            Authentication authentication) {
        return page(Caller.of(authentication), cursor, limit, true);
    }

    private Page<HoldingView> page(Caller caller, @Nullable String cursor, @Nullable Integer limit,
            boolean claimableOnly) {
        int pageSize = Cursor.limit(limit);
        List<String> position = Cursor.decode(cursor, 2);
        if (position != null && !(ADDRESS.matcher(position.get(0)).matches()
                && ADDRESS.matcher(position.get(1)).matches())) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
        // The linked wallets, and the custody address holding what the caller bought without one.
        List<String> addresses = new java.util.ArrayList<>(wallets.list(caller.accountId()).stream()
                .map(LinkedWallet::address).toList());
        custody.findById(caller.accountId()).ifPresent(holder -> addresses.add(holder.address()));
        List<Holding> holdings = index.holdings(chainId, addresses, position == null ? null : position.get(0),
                position == null ? null : position.get(1), pageSize + 1, claimableOnly);
        List<Holding> shown = holdings.subList(0, Math.min(pageSize, holdings.size()));
        Map<String, OfferingDirectory.Entry> catalog = directory.bySharesAddress(shown.stream()
                .map(Holding::sharesAddress).distinct().toList());
        String next = holdings.size() > pageSize
                ? Cursor.encode(shown.getLast().sharesAddress(), shown.getLast().holder()) : null;
        return new Page<>(shown.stream().map(holding -> HoldingView.of(holding, catalog.get(holding.sharesAddress())))
                .toList(), next, IndexFreshnessView.of(freshness.current()));
    }
}
