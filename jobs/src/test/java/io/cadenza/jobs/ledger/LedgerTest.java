package io.cadenza.jobs.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.testing.TestDatabases;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ledger on a real PostgreSQL: entries balance per asset (in Java, and in the database at commit even for a raw
 * insert), nothing is updated or deleted, a business key posts once, a reversal restores every balance exactly and
 * happens once, balances are readable as of any entry or time, and concurrent posters keep every balance exact.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerTest {
    private static final Asset USD = Asset.USD;
    private static final Asset TOKEN = Asset.token(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3");

    private HikariDataSource database;
    private Ledger ledger;

    @BeforeAll
    void start(TestServices services) {
        database = TestDatabases.fresh(services, List.of(JobsSchema.SCHEMA));
        ledger = new Ledger(StandaloneTransactions.over(database));
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void aBalancedEntryMovesBalancesAndAnUnbalancedOneIsRefusedBeforeAnythingIsWritten() {
        String offering = "offering:" + java.util.UUID.randomUUID();
        LedgerAccount income = new LedgerAccount(AccountKind.ROYALTY_INCOME, offering, USD);
        LedgerAccount pool = new LedgerAccount(AccountKind.HOLDER_POOL, offering, USD);
        LedgerAccount artist = new LedgerAccount(AccountKind.ARTIST_SHARE, offering, USD);
        Ledger.Posted posted = ledger.post(new Entry("statement:1:" + offering, "royalties for May", Instant.now(),
                List.of(Posting.credit(income, cents(10_000)), Posting.debit(pool, cents(4_000)),
                        Posting.debit(artist, cents(6_000)))));
        assertThat(posted.written()).isTrue();
        assertThat(ledger.balance(income)).isEqualTo(cents(-10_000));
        assertThat(ledger.balance(pool)).isEqualTo(cents(4_000));

        assertThatThrownBy(() -> new Entry("bad", "unbalanced", Instant.now(), List.of(
                Posting.credit(income, cents(100)), Posting.debit(pool, cents(99)))))
                .isInstanceOf(UnbalancedEntryException.class).hasMessageContaining("sum to -1");
        // Balanced in sum, but across two assets: each asset must balance on its own.
        assertThatThrownBy(() -> new Entry("mixed", "two assets", Instant.now(), List.of(
                Posting.credit(income, cents(100)), Posting.debit(new LedgerAccount(AccountKind.TREASURY, "platform",
                        TOKEN), cents(100)))))
                .isInstanceOf(UnbalancedEntryException.class);
    }

    @Test
    void theDatabaseRefusesAnUnbalancedEntryAtCommitAndAnyUpdateOrDelete() throws SQLException {
        String scope = "offering:" + java.util.UUID.randomUUID();
        LedgerAccount pool = new LedgerAccount(AccountKind.HOLDER_POOL, scope, USD);
        LedgerAccount artist = new LedgerAccount(AccountKind.ARTIST_SHARE, scope, USD);
        long entry = ledger.post(new Entry("seed:" + scope, "seed", Instant.now(), List.of(
                Posting.debit(pool, cents(5)), Posting.credit(artist, cents(5))))).entryId();
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into ledger_entry (business_key, description, occurred_at)"
                        + " values ('raw:" + scope + "', 'by hand', now())");
                statement.executeUpdate("insert into ledger_posting (entry_id, account_id, asset, amount, balance_after,"
                        + " recorded_at) select currval(pg_get_serial_sequence('ledger_entry', 'id')), id, asset, 7, 7,"
                        + " now()"
                        + " from ledger_account where code = '" + pool.code() + "'");
                assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class)
                        .hasMessageContaining("does not balance");
            } finally {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            for (String change : List.of("update ledger_posting set amount = 6 where entry_id = " + entry,
                    "delete from ledger_posting where entry_id = " + entry,
                    "update ledger_entry set description = 'changed' where id = " + entry,
                    "delete from ledger_entry where id = " + entry, "truncate ledger_posting")) {
                try (Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.executeUpdate(change)).as(change)
                            .hasMessageContaining("append-only");
                }
            }
        }
        assertThat(ledger.balance(pool)).isEqualTo(cents(5));
    }

    @Test
    void theDatabaseChecksEachEntryOnceAtCommitAndRefusesPostingsAddedToAnEntryLater() throws SQLException {
        String scope = "offering:" + java.util.UUID.randomUUID();
        LedgerAccount pool = new LedgerAccount(AccountKind.HOLDER_POOL, scope, USD);
        LedgerAccount artist = new LedgerAccount(AccountKind.ARTIST_SHARE, scope, USD);
        long old = ledger.post(new Entry("old:" + scope, "old", Instant.now(), List.of(
                Posting.debit(pool, cents(5)), Posting.credit(artist, cents(5))))).entryId();
        String posting = "insert into ledger_posting (entry_id, account_id, asset, amount, balance_after, recorded_at)"
                + " select %1$s, id, asset, %2$d, %2$d, now() from ledger_account where code = '%3$s'";
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // A balanced pair added to an entry an earlier transaction wrote: refused at once.
                assertThatThrownBy(() -> statement.executeUpdate(posting.formatted(old, 3, pool.code())
                        .replace(" where code = ", " where code in ('" + artist.code() + "') or code = ")))
                        .hasMessageContaining("only in the transaction that wrote it");
            } finally {
                connection.rollback();
            }
            try (Statement statement = connection.createStatement()) {
                // An entry built over two statements, balanced at commit: accepted. (On accounts of its own, made by
                // hand too: postings by hand keep no balances.)
                LedgerAccount left = new LedgerAccount(AccountKind.FEES, scope + ":left", USD);
                LedgerAccount right = new LedgerAccount(AccountKind.FEES, scope + ":right", USD);
                for (LedgerAccount account : List.of(left, right)) {
                    statement.executeUpdate("insert into ledger_account (code, kind, scope, asset) values ('"
                            + account.code() + "', 'FEES', '" + account.scope() + "', 'USD')");
                }
                statement.executeUpdate("insert into ledger_entry (business_key, description, occurred_at)"
                        + " values ('two-statements:" + scope + "', 'by hand', now())");
                String current = "currval(pg_get_serial_sequence('ledger_entry', 'id'))";
                statement.executeUpdate(posting.formatted(current, 4, left.code()));
                statement.executeUpdate(posting.formatted(current, -4, right.code()));
                connection.commit();
            }
            try (Statement statement = connection.createStatement()) {
                // An entry with no postings at all: refused at commit.
                statement.executeUpdate("insert into ledger_entry (business_key, description, occurred_at)"
                        + " values ('empty:" + scope + "', 'by hand', now())");
                assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class)
                        .hasMessageContaining("has no postings");
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void aBusinessKeyPostsOnceAndAReversalRestoresEveryBalanceOnce() {
        String scope = "offering:" + java.util.UUID.randomUUID();
        LedgerAccount pool = new LedgerAccount(AccountKind.HOLDER_POOL, scope, TOKEN);
        LedgerAccount treasury = new LedgerAccount(AccountKind.TREASURY, scope, TOKEN);
        Entry entry = new Entry("distribution:7:" + scope, "distributed", Instant.now(), List.of(
                Posting.debit(pool, units(1_000_003)), Posting.credit(treasury, units(1_000_003))));
        Ledger.Posted first = ledger.post(entry);
        Ledger.Posted again = ledger.post(entry);
        assertThat(again.written()).isFalse();
        assertThat(again.entryId()).isEqualTo(first.entryId());
        assertThat(ledger.balance(pool)).isEqualTo(units(1_000_003));
        assertThatThrownBy(() -> ledger.post(new Entry(entry.businessKey(), "other amounts", Instant.now(), List.of(
                Posting.debit(pool, units(1)), Posting.credit(treasury, units(1))))))
                .isInstanceOf(LedgerConflictException.class);

        Ledger.Posted reversal = ledger.reverse(first.entryId(), "reversal:" + first.entryId(), "reverted on chain",
                Instant.now());
        assertThat(ledger.balance(pool)).isZero();
        assertThat(ledger.balance(treasury)).isZero();
        assertThat(ledger.reverse(first.entryId(), "reversal:" + first.entryId(), "again", Instant.now()).entryId())
                .isEqualTo(reversal.entryId());
        assertThatThrownBy(() -> ledger.reverse(first.entryId(), "another reversal", "twice", Instant.now()))
                .isInstanceOf(LedgerConflictException.class);
        assertThat(ledger.balanceAsOfEntry(pool, first.entryId())).isEqualTo(units(1_000_003));
        assertThat(ledger.balanceAsOfEntry(pool, reversal.entryId())).isZero();
    }

    @Test
    void balancesAreReadableAsOfAnyEntryOrTime() throws Exception {
        String scope = "master:" + java.util.UUID.randomUUID();
        LedgerAccount income = new LedgerAccount(AccountKind.ROYALTY_INCOME, scope, USD);
        LedgerAccount artist = new LedgerAccount(AccountKind.ARTIST_SHARE, scope, USD);
        List<Long> entries = new ArrayList<>();
        List<Instant> after = new ArrayList<>();
        for (int month = 1; month <= 5; month++) {
            entries.add(ledger.post(new Entry("statement:" + month + ":" + scope, "month " + month, Instant.now(),
                    List.of(Posting.credit(income, cents(100L * month)), Posting.debit(artist, cents(100L * month)))))
                    .entryId());
            Thread.sleep(5);
            after.add(Instant.now());
            Thread.sleep(5);
        }
        for (int month = 1; month <= 5; month++) {
            BigInteger expected = cents(100L * month * (month + 1) / 2);
            assertThat(ledger.balanceAsOfEntry(artist, entries.get(month - 1))).isEqualTo(expected);
            assertThat(ledger.balanceAsOf(artist, after.get(month - 1))).isEqualTo(expected);
        }
        assertThat(ledger.balanceAsOf(artist, Instant.EPOCH)).isZero();
    }

    /**
     * Random postings among a few accounts, from four threads at once, with random reversals: every asset still sums
     * to zero, every balance equals the sum of its postings, and each account's balances as of its entries follow one
     * another (no interleaving broke the running balance).
     */
    @Test
    void concurrentRandomPostingsAndReversalsNeverUnbalanceAnything() throws Exception {
        String scope = "offering:" + java.util.UUID.randomUUID();
        List<LedgerAccount> accounts = new ArrayList<>();
        for (AccountKind kind : List.of(AccountKind.HOLDER_POOL, AccountKind.ARTIST_SHARE, AccountKind.TREASURY,
                AccountKind.FEES)) {
            accounts.add(new LedgerAccount(kind, scope, USD));
            accounts.add(new LedgerAccount(kind, scope, TOKEN));
        }
        try (ExecutorService posters = Executors.newFixedThreadPool(4)) {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                long seed = 20261206L + thread;
                int threadNumber = thread;
                work.add(CompletableFuture.runAsync(() -> postRandomly(new Random(seed), accounts, scope,
                        threadNumber), posters));
            }
            work.forEach(CompletableFuture::join);
        }
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            var unbalanced = statement.executeQuery("select entry_id, asset, sum(amount) from ledger_posting"
                    + " group by entry_id, asset having sum(amount) <> 0");
            assertThat(unbalanced.next()).as(() -> {
                try {
                    return "entry " + unbalanced.getLong(1) + " in " + unbalanced.getString(2) + ": "
                            + unbalanced.getString(3);
                } catch (SQLException e) {
                    return e.toString();
                }
            }).isFalse();
            var drift = statement.executeQuery("""
                    select b.account_id from ledger_balance b left join (select account_id, sum(amount) as total
                    from ledger_posting group by account_id) p on p.account_id = b.account_id
                    where b.balance <> coalesce(p.total, 0)""");
            assertThat(drift.next()).isFalse();
            var broken = statement.executeQuery("""
                    select id from (select id, balance_after, amount, lag(balance_after, 1, 0) over
                        (partition by account_id order by entry_id, id) as before from ledger_posting) running
                    where balance_after <> before + amount""");
            assertThat(broken.next()).isFalse();
        }
    }

    private void postRandomly(Random random, List<LedgerAccount> accounts, String scope, int thread) {
        Map<Long, Boolean> mine = new HashMap<>();
        for (int round = 0; round < 60; round++) {
            if (!mine.isEmpty() && random.nextInt(5) == 0) {
                Long target = mine.keySet().stream().skip(random.nextInt(mine.size())).findFirst().orElseThrow();
                if (mine.remove(target)) {
                    ledger.reverse(target, "reversal:" + target, "correction", Instant.now());
                }
                continue;
            }
            LedgerAccount from = accounts.get(random.nextInt(accounts.size()));
            List<LedgerAccount> sameAsset = accounts.stream().filter(account -> account.asset().equals(from.asset())
                    && !account.equals(from)).toList();
            LedgerAccount to = sameAsset.get(random.nextInt(sameAsset.size()));
            BigInteger amount = BigInteger.valueOf(1 + random.nextInt(1_000_000));
            long id = ledger.post(new Entry("random:" + scope + ":" + thread + ":" + round, "random", Instant.now(),
                    List.of(Posting.credit(from, amount), Posting.debit(to, amount)))).entryId();
            mine.put(id, true);
        }
    }

    private static BigInteger cents(long amount) {
        return BigInteger.valueOf(amount);
    }

    private static BigInteger units(long amount) {
        return BigInteger.valueOf(amount);
    }
}
