package io.cadenza.jobs.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.schema.ChainSchema;
import io.cadenza.chain.testing.DataAccess;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.query.IndexedClaim;
import io.cadenza.indexer.store.IndexerSchema;
import io.cadenza.indexer.testing.TestDatabases;
import io.cadenza.jobs.claims.ClaimPosting;
import io.cadenza.jobs.distributions.Distribution;
import io.cadenza.jobs.distributions.DistributionEntries;
import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.JobsSchema;
import io.cadenza.jobs.ledger.Ledger;
import io.cadenza.jobs.ledger.LedgerAccount;
import io.cadenza.jobs.ledger.Posting;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random sequences of the money side's steps — statements recorded and approved (the real services), distributions
 * sent, confirmed with random carried remainders or failed, claims, and reversals of random entries — with the
 * invariants checked after every step: every asset sums to zero over all accounts, every kept balance is the sum of its
 * postings, every entry balances, each offering's books add up to what was allocated to it, and a reversal moves
 * each of its accounts back by exactly the reversed amount.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoneyPropertyTest {
    private static final int STEPS = 400;
    private MoneyFixture money;
    private HikariDataSource database;
    private CatalogFixture catalog;
    private RoyaltyStatements statements;
    private Ledger ledger;
    private String stablecoin;

    @BeforeAll
    void start(TestServices services) {
        money = MoneyFixture.start(services);
        database = money.database();
        catalog = money.catalog();
        statements = money.bean(RoyaltyStatements.class);
        ledger = money.bean(Ledger.class);
        stablecoin = money.stablecoin();
    }

    @AfterAll
    void stop() {
        money.close();
    }

    /** A distribution as the sequence knows it: its row, and whether it was sent, confirmed or failed. */
    private static final class Tracked {
        Distribution distribution;
        String state = "PLANNED";

        Tracked(Distribution distribution) {
            this.distribution = distribution;
        }
    }

    @Test
    void randomSequencesNeverUnbalanceAnAssetAndReversalsRestoreBalancesExactly() throws SQLException {
        Random random = new Random(20261206);
        List<RoyaltyCatalog.CatalogMaster> masters = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            RoyaltyCatalog.CatalogMaster master = catalog.master(CatalogFixture.freshIsrc(), random.nextInt(10_001),
                    RoyaltyCatalog.Standing.REGISTERED);
            for (int o = random.nextInt(3); o > 0; o--) {
                catalog.offering(master, String.format("0x%040x", random.nextLong() & Long.MAX_VALUE), stablecoin,
                        1 + random.nextInt(10_000));
            }
            masters.add(master);
        }
        List<Tracked> distributions = new ArrayList<>();
        Map<String, BigInteger> allocated = new HashMap<>();
        List<Long> reversible = new ArrayList<>();
        long chainId = 31337;
        int claims = 0;
        for (int step = 0; step < STEPS; step++) {
            int action = random.nextInt(10);
            if (action < 3 || distributions.isEmpty()) {
                List<NewStatement.Line> lines = new ArrayList<>();
                for (int l = 1 + random.nextInt(4); l > 0; l--) {
                    RoyaltyCatalog.CatalogMaster master = masters.get(random.nextInt(masters.size()));
                    boolean euro = random.nextInt(4) == 0;
                    lines.add(new NewStatement.Line(lines.size() + 1, master.isrc(), null, YearMonth.of(2026, 10),
                            BigDecimal.valueOf(1 + random.nextInt(10_000_000), 2), euro ? "EUR" : "USD"));
                }
                RoyaltyStatement recorded = statements.record(new NewStatement("Property", YearMonth.of(2026, 10),
                        YearMonth.of(2026, 10), Map.of("EUR", new BigDecimal("1.0825")), lines, null),
                        UUID.randomUUID());
                for (Distribution planned : statements.approve(recorded.id(), UUID.randomUUID()).distributions()) {
                    distributions.add(new Tracked(planned));
                    allocated.merge(planned.sharesToken(), planned.amount(), BigInteger::add);
                }
            } else if (action < 5) {
                Tracked tracked = pick(random, distributions, "PLANNED");
                if (tracked != null) {
                    ledger.post(DistributionEntries.submitted(tracked.distribution, chainId, Instant.now()));
                    tracked.state = "SENT";
                }
            } else if (action < 7) {
                Tracked tracked = pick(random, distributions, "SENT");
                if (tracked != null) {
                    Distribution d = tracked.distribution;
                    BigInteger carriedBefore = balance(AccountKind.CARRIED_REMAINDER, d.sharesToken());
                    // The contract may credit more than this distribution's amount (using units carried before),
                    // or less (carrying some of it): never more than amount + carried.
                    BigInteger credited = random(random, d.amount().add(carriedBefore));
                    ledger.post(DistributionEntries.confirmed(d, chainId, credited, step, Instant.now()));
                    tracked.state = "CONFIRMED";
                }
            } else if (action < 8) {
                Tracked tracked = pick(random, distributions, "SENT");
                if (tracked != null) {
                    Distribution d = tracked.distribution;
                    long sent = ledger.entryId(DistributionEntries.key(d, "submitted")).orElseThrow();
                    reverseChecked(sent, DistributionEntries.key(d, "reversed"));
                    tracked.distribution = new Distribution(d.id(), d.statementId(), d.masterId(), d.offeringId(),
                            d.sharesToken(), d.payoutToken(), d.amount(), d.status(), d.attempt() + 1, null, null, null,
                            null, null, null, d.createdAt(), d.updatedAt());
                    tracked.state = "PLANNED";
                }
            } else if (action < 9) {
                Tracked tracked = pick(random, distributions, "CONFIRMED");
                if (tracked != null) {
                    String shares = tracked.distribution.sharesToken();
                    BigInteger claimable = balance(AccountKind.UNCLAIMED, shares);
                    if (claimable.signum() > 0) {
                        IndexedClaim claim = new IndexedClaim(shares, String.format("0x%040x", random.nextInt(5)),
                                random(random, claimable).max(BigInteger.ONE), step, claims, "0xclaim" + claims++);
                        Ledger.Posted posted = ledger.post(ClaimPosting.entryOf(claim, Asset.token(chainId, stablecoin),
                                chainId, Clock.systemUTC()));
                        reversible.add(posted.entryId());
                    }
                }
            } else if (!reversible.isEmpty()) {
                long entry = reversible.remove(random.nextInt(reversible.size()));
                reverseChecked(entry, "property-reversal:" + entry);
            }
            checkInvariants(allocated);
        }
        assertThat(distributions.stream().filter(tracked -> tracked.state.equals("CONFIRMED")).count()).isPositive();
        assertThat(claims).isPositive();
    }

    /** Reverses the entry and checks that each of its accounts moved back by exactly its amount there. */
    private void reverseChecked(long entryId, String key) {
        List<Posting> postings = ledger.postingsOf(entryId);
        Map<String, BigInteger> before = new HashMap<>();
        for (Posting posting : postings) {
            before.put(posting.account().code(), ledger.balance(posting.account()));
        }
        ledger.reverse(entryId, key, "property reversal", Instant.now());
        Map<String, BigInteger> expected = new HashMap<>(before);
        postings.forEach(posting -> expected.merge(posting.account().code(), posting.amount().negate(),
                BigInteger::add));
        for (Posting posting : postings) {
            assertThat(ledger.balance(posting.account())).as(posting.account().code())
                    .isEqualTo(expected.get(posting.account().code()));
        }
    }

    private void checkInvariants(Map<String, BigInteger> allocated) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            assertThat(count(sql, "select count(*) from (select a.asset from ledger_balance b join ledger_account a"
                    + " on a.id = b.account_id group by a.asset having sum(b.balance) <> 0) unbalanced")).isZero();
            assertThat(count(sql, "select count(*) from ledger_balance b where b.balance <> coalesce((select"
                    + " sum(amount) from ledger_posting p where p.account_id = b.account_id), 0)")).isZero();
            assertThat(count(sql, "select count(*) from (select entry_id from ledger_posting group by entry_id,"
                    + " asset having sum(amount) <> 0) unbalanced")).isZero();
        }
        for (Map.Entry<String, BigInteger> offering : allocated.entrySet()) {
            String shares = offering.getKey();
            BigInteger books = balance(AccountKind.HOLDER_POOL, shares)
                    .add(balance(AccountKind.DISTRIBUTED_PENDING, shares))
                    .add(balance(AccountKind.UNCLAIMED, shares))
                    .add(balance(AccountKind.CARRIED_REMAINDER, shares))
                    .add(claimed(shares));
            assertThat(books).as("the books of " + shares).isEqualTo(offering.getValue());
        }
    }

    private BigInteger balance(AccountKind kind, String shares) {
        return ledger.balance(new LedgerAccount(kind, "offering:" + shares, Asset.token(31337, stablecoin)));
    }

    private BigInteger claimed(String shares) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("select coalesce(sum(b.balance), 0) from ledger_balance b join"
                        + " ledger_account a on a.id = b.account_id where a.code like 'claimed/offering:" + shares
                        + ":holder:%'")) {
            row.next();
            return row.getBigDecimal(1).toBigIntegerExact();
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Tracked pick(Random random, List<Tracked> distributions, String state) {
        List<Tracked> candidates = distributions.stream().filter(tracked -> tracked.state.equals(state)).toList();
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private static BigInteger random(Random random, BigInteger bound) {
        if (bound.signum() <= 0) {
            return BigInteger.ZERO;
        }
        return new BigInteger(bound.bitLength() + 8, random).mod(bound.add(BigInteger.ONE));
    }
}
