package io.cadenza.jobs.custody;

import io.cadenza.chain.calls.PlatformCalls;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.indexer.query.Holding;
import io.cadenza.indexer.query.IndexReader;
import io.cadenza.indexer.query.IndexedDividends;
import io.cadenza.jobs.claims.ClaimCheckpoints;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims the dividends of custodial holders with {@code claimFor}: for each holder with something claimable in a token
 * the platform distributes to, one outbox intent per holder, token and distribution round (the key names the token's
 * distribution count), so that a run repeated before the claim lands sends nothing twice. The claim, once final, is
 * posted like any other; {@link io.cadenza.jobs.claims.ClaimPosting} then credits the investor's fiat payable.
 */
@Singleton
public class CustodialClaims {
    private static final Logger LOG = LoggerFactory.getLogger(CustodialClaims.class);
    static final int PAGE = 200;

    private final CustodyHolders holders;
    private final ClaimCheckpoints checkpoints;
    private final IndexReader index;
    private final TransactionOutbox outbox;
    private final long chainId;

    public CustodialClaims(CustodyHolders holders, ClaimCheckpoints checkpoints, IndexReader index,
            TransactionOutbox outbox, ChainConnection connection) {
        this.holders = holders;
        this.checkpoints = checkpoints;
        this.index = index;
        this.outbox = outbox;
        this.chainId = connection.chainId();
    }

    /** Submits the claims due; answers how many intents it handed to the outbox (new or already there). */
    @Transactional
    public int submitDue() {
        Set<String> tokens = new HashSet<>(checkpoints.distributedTokens());
        if (tokens.isEmpty()) {
            return 0;
        }
        int submitted = 0;
        // A token's distribution round, read once per run: it names the claim's outbox key.
        java.util.Map<String, Long> rounds = new java.util.HashMap<>();
        UUID after = new UUID(0, 0);
        for (List<CustodyHolder> page = holders.page(after, PAGE); !page.isEmpty();
                page = holders.page(after, PAGE)) {
            List<String> addresses = page.stream().map(CustodyHolder::address).toList();
            String afterToken = null;
            String afterHolder = null;
            for (List<Holding> holdings = index.holdings(chainId, addresses, null, null, IndexReader.PAGE_SIZE_MAX);
                    !holdings.isEmpty(); holdings = index.holdings(chainId, addresses, afterToken, afterHolder,
                            IndexReader.PAGE_SIZE_MAX)) {
                for (Holding holding : holdings) {
                    String token = holding.sharesAddress().toLowerCase(Locale.ROOT);
                    if (holding.claimable().signum() > 0 && tokens.contains(token)) {
                        long round = rounds.computeIfAbsent(token, unread -> index.dividends(chainId, unread)
                                .map(IndexedDividends::distributionCount).orElse(0L));
                        outbox.submit(PlatformCalls.claimFor("custody-claim:" + token + ":" + holding.holder()
                                + ":" + round, token, holding.holder()));
                        submitted++;
                    }
                }
                Holding last = holdings.getLast();
                afterToken = last.sharesAddress();
                afterHolder = last.holder();
                if (holdings.size() < IndexReader.PAGE_SIZE_MAX) {
                    break;
                }
            }
            after = page.getLast().accountId();
        }
        if (submitted > 0) {
            LOG.info("custodial claims handed to the outbox: {}", submitted);
        }
        return submitted;
    }
}
