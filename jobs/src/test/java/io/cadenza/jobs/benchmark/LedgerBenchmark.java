package io.cadenza.jobs.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.indexer.testing.TestDatabases;
import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.Entry;
import io.cadenza.jobs.ledger.JobsSchema;
import io.cadenza.jobs.ledger.Ledger;
import io.cadenza.jobs.ledger.LedgerAccount;
import io.cadenza.jobs.ledger.Posting;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The ledger's two speed goals, on PostgreSQL with production settings ({@code synchronous_commit=on}):
 * <ol>
 *   <li><b>Postings per second</b> through {@link Ledger#postAll}, in batches of entries shaped like the money side's
 *       (two to four postings over a thousand accounts): every guarantee on (accounts locked in order, balances kept,
 *       business keys checked, the deferred balance trigger at commit). The baseline, in the same run: the same rows
 *       inserted by one {@code unnest} statement per table into tables shaped alike with none of those guarantees —
 *       the floor of writing the rows at all.</li>
 *   <li><b>A balance read at 10,000,000 postings</b>: {@link Ledger#balance}, {@link Ledger#balanceAsOfEntry} and
 *       {@link Ledger#balanceAsOf} of random accounts, one caller, p50/p99. The ledger is filled in bulk (SQL, its
 *       triggers off for the load, every entry balanced and every running balance right; checked after). The
 *       baseline: the balance summed from the postings, as a ledger without kept balances would.</li>
 * </ol>
 * Prints one JSON line. {@code -Dbench.postings}, {@code -Dbench.batch}, {@code -Dbench.readPostings},
 * {@code -Dbench.accounts}, {@code -Dbench.reads} change the sizes.
 */
public final class LedgerBenchmark {
    record Settings(int writePostings, int batchEntries, int posters, long readPostings, int readAccounts, int reads) {}

    private LedgerBenchmark() {}

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(Integer.getInteger("bench.postings", 300_000),
                Integer.getInteger("bench.batch", 2_000), Integer.getInteger("bench.posters", 1),
                Long.getLong("bench.readPostings", 10_000_000L),
                Integer.getInteger("bench.accounts", 20_000), Integer.getInteger("bench.reads", 20_000));
        try (TestServices services = TestServices.startForBenchmark()) {
            System.out.println(run(services, settings));
        }
    }

    static String run(TestServices services, Settings settings) throws Exception {
        try (HikariDataSource database = TestDatabases.fresh(services, List.of(JobsSchema.SCHEMA))) {
            Ledger ledger = new Ledger(StandaloneTransactions.over(database));
            double[] write = writes(ledger, database, settings);
            try (HikariDataSource large = TestDatabases.fresh(services, List.of(JobsSchema.SCHEMA))) {
                fill(large, settings.readPostings(), settings.readAccounts());
                verify(large);
                Ledger reader = new Ledger(StandaloneTransactions.over(large));
                Reads reads = reads(reader, large, settings);
                return String.format(Locale.ROOT, "{\"benchmark\":\"ledger\",\"writePostings\":%d,\"batchEntries\":%d,"
                        + "\"posters\":%d,"
                        + "\"postingsPerSecond\":%.0f,\"baselinePostingsPerSecond\":%.0f,\"ratioToBaseline\":%.2f,"
                        + "\"readPostings\":%d,\"readAccounts\":%d,\"reads\":%d,"
                        + "\"balance\":{\"p50Ms\":%.3f,\"p99Ms\":%.3f},"
                        + "\"balanceAsOfEntry\":{\"p50Ms\":%.3f,\"p99Ms\":%.3f},"
                        + "\"balanceAsOfTime\":{\"p50Ms\":%.3f,\"p99Ms\":%.3f},"
                        + "\"baselineSum\":{\"p50Ms\":%.3f,\"p99Ms\":%.3f},"
                        + "\"synchronousCommit\":\"%s\",\"cpus\":%d,\"java\":\"%s\"}",
                        settings.writePostings(), settings.batchEntries(), settings.posters(), write[0], write[1],
                        write[0] / write[1],
                        settings.readPostings(), settings.readAccounts(), settings.reads(),
                        reads.balance[0], reads.balance[1], reads.asOfEntry[0], reads.asOfEntry[1],
                        reads.asOfTime[0], reads.asOfTime[1], reads.summed[0], reads.summed[1],
                        TestServices.setting(services.dataSource(), "synchronous_commit"),
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            }
        }
    }

    /** Entries like the money side's: allocations (4 postings), submissions and claims (2), over 1,000 offerings. */
    private static List<Entry> entries(int count, int offset, Random random) {
        Asset usd = Asset.USD;
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = offset + i;
            String offering = "offering:b" + random.nextInt(1_000);
            BigInteger amount = BigInteger.valueOf(1 + random.nextInt(1_000_000));
            if (n % 3 == 0) {
                BigInteger pool = amount.divide(BigInteger.TWO);
                entries.add(new Entry("bench:" + n, "allocation", Instant.now(), List.of(
                        Posting.credit(new LedgerAccount(AccountKind.ROYALTY_INCOME, offering, usd), amount),
                        Posting.debit(new LedgerAccount(AccountKind.TREASURY, "platform", usd), amount),
                        Posting.credit(new LedgerAccount(AccountKind.TREASURY, "platform-" + (n % 8), usd), amount),
                        Posting.debit(new LedgerAccount(AccountKind.HOLDER_POOL, offering, usd), pool),
                        Posting.debit(new LedgerAccount(AccountKind.ARTIST_SHARE, offering, usd),
                                amount.subtract(pool)))));
            } else {
                entries.add(new Entry("bench:" + n, "move", Instant.now(), List.of(
                        Posting.credit(new LedgerAccount(AccountKind.UNCLAIMED, offering, usd), amount),
                        Posting.debit(new LedgerAccount(AccountKind.CLAIMED, offering + ":holder:h" + (n % 5_000), usd),
                                amount))));
            }
        }
        return entries;
    }

    /** Postings per second through the ledger, and through the baseline; the same entries, same batches. */
    private static double[] writes(Ledger ledger, HikariDataSource database, Settings settings) throws SQLException {
        Random random = new Random(42);
        List<List<Entry>> batches = new ArrayList<>();
        int postings = 0;
        int n = 0;
        while (postings < settings.writePostings()) {
            List<Entry> batch = entries(settings.batchEntries(), n, random);
            n += batch.size();
            postings += batch.stream().mapToInt(entry -> entry.postings().size()).sum();
            batches.add(batch);
        }
        ledger.postAll(entries(50, -1_000_000, new Random(7))); // warm-up: accounts, plans, JIT
        long start = System.nanoTime();
        inParallel(settings.posters(), batches, ledger::postAll);
        double ledgerRate = postings / ((System.nanoTime() - start) / 1e9);

        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create table bench_entry (like ledger_entry including defaults including identity)");
            sql.execute("create table bench_posting (like ledger_posting including defaults including identity)");
        }
        long baselineStart = System.nanoTime();
        inParallel(settings.posters(), batches, batch -> {
            try (Connection connection = database.getConnection()) {
                baselineInsert(connection, batch);
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
        });
        double baselineRate = postings / ((System.nanoTime() - baselineStart) / 1e9);
        return new double[] {ledgerRate, baselineRate};
    }

    /** The batches, in order, over {@code posters} threads taking the next one as they finish theirs. */
    private static void inParallel(int posters, List<List<Entry>> batches,
            java.util.function.Consumer<List<Entry>> post) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        try (java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(posters)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int p = 0; p < posters; p++) {
                done.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        post.accept(batches.get(i));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> poster : done) {
                try {
                    poster.get();
                } catch (Exception failure) {
                    throw new IllegalStateException("a poster failed", failure);
                }
            }
        }
    }

    /** The rows alone: entries, then postings naming them, one statement each, one commit per batch. */
    private static void baselineInsert(Connection connection, List<Entry> batch) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into bench_entry (business_key, description, occurred_at)
                select * from unnest(?::text[], ?::text[], ?::timestamptz[]) returning id""")) {
            insert.setArray(1, connection.createArrayOf("text", batch.stream().map(Entry::businessKey).toArray()));
            insert.setArray(2, connection.createArrayOf("text", batch.stream().map(Entry::description).toArray()));
            insert.setArray(3, connection.createArrayOf("timestamptz", batch.stream()
                    .map(entry -> Timestamp.from(entry.occurredAt())).toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        List<Long> entryIds = new ArrayList<>();
        List<Long> accounts = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        List<java.math.BigDecimal> amounts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            for (Posting posting : batch.get(i).postings()) {
                entryIds.add(ids.get(i));
                accounts.add((long) posting.account().code().hashCode());
                assets.add(posting.account().asset().code());
                amounts.add(new java.math.BigDecimal(posting.amount()));
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into bench_posting (entry_id, account_id, asset, amount, balance_after, recorded_at)
                select e, a, s, m, m, now() from unnest(?::bigint[], ?::bigint[], ?::text[], ?::numeric[]) as p(e, a, s, m)""")) {
            insert.setArray(1, connection.createArrayOf("bigint", entryIds.toArray()));
            insert.setArray(2, connection.createArrayOf("bigint", accounts.toArray()));
            insert.setArray(3, connection.createArrayOf("text", assets.toArray()));
            insert.setArray(4, connection.createArrayOf("numeric", amounts.toArray()));
            insert.executeUpdate();
        }
    }

    /**
     * {@code postings} postings in balanced two-posting entries over {@code accounts} accounts, loaded by SQL with the
     * ledger's triggers off (a replica session), each posting's running balance computed in order.
     */
    static void fill(HikariDataSource database, long postings, int accounts) throws SQLException {
        long entries = postings / 2;
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute("insert into ledger_account (code, kind, scope, asset) select 'unclaimed/bench:' || i || '/USD',"
                    + " 'UNCLAIMED', 'bench:' || i, 'USD' from generate_series(1, " + accounts + ") i");
            long firstAccount;
            try (ResultSet row = sql.executeQuery("select min(id) from ledger_account")) {
                row.next();
                firstAccount = row.getLong(1);
            }
            sql.execute("insert into ledger_entry (business_key, description, occurred_at, recorded_at)"
                    + " select 'bench:' || e, 'bench', timestamptz '2026-01-01' + e * interval '1 ms',"
                    + " timestamptz '2026-01-01' + e * interval '1 ms' from generate_series(1, " + entries + ") e");
            long firstEntry;
            try (ResultSet row = sql.executeQuery("select min(id) from ledger_entry")) {
                row.next();
                firstEntry = row.getLong(1);
            }
            // Entry e moves 1..1000 from one account to another (different) one; each posting's balance after it is
            // the running sum of its account's postings in entry order.
            sql.execute("insert into ledger_posting (entry_id, account_id, asset, amount, balance_after, recorded_at)"
                    + " select entry_id, account_id, 'USD', amount, sum(amount) over (partition by account_id"
                    + " order by entry_id, amount rows unbounded preceding),"
                    + " timestamptz '2026-01-01' + (entry_id - " + firstEntry + " + 1) * interval '1 ms' from ("
                    + "  select " + firstEntry + " - 1 + e as entry_id,"
                    + "   " + firstAccount + " + case when side = 1 then (e * 7919) % " + accounts
                    + "     else ((e * 7919) % " + accounts + " + 1 + (e * 104729) % (" + accounts + " - 1)) % "
                    + accounts + " end as account_id,"
                    + "   side * (1 + e % 1000) as amount"
                    + "  from generate_series(1::bigint, " + entries + ") e cross join (values (1), (-1)) s(side)) p"
                    + " order by entry_id");
            sql.execute("insert into ledger_balance (account_id, balance, last_entry_id)"
                    + " select distinct on (account_id) account_id, balance_after, entry_id from ledger_posting"
                    + " order by account_id, entry_id desc, id desc");
            sql.execute("set session_replication_role = origin");
            sql.execute("analyze");
        }
    }

    /** The load is a ledger: every entry balances, and every kept balance is the sum of its postings. */
    static void verify(HikariDataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            try (ResultSet row = sql.executeQuery("select count(*) from (select entry_id from ledger_posting"
                    + " group by entry_id having sum(amount) <> 0) unbalanced")) {
                row.next();
                if (row.getLong(1) != 0) {
                    throw new IllegalStateException(row.getLong(1) + " entries do not balance");
                }
            }
            try (ResultSet row = sql.executeQuery("select count(*) from ledger_balance b where b.balance <>"
                    + " (select sum(amount) from ledger_posting p where p.account_id = b.account_id)")) {
                row.next();
                if (row.getLong(1) != 0) {
                    throw new IllegalStateException(row.getLong(1) + " balances differ from their postings");
                }
            }
        }
    }

    private record Reads(double[] balance, double[] asOfEntry, double[] asOfTime, double[] summed) {}

    private static Reads reads(Ledger ledger, HikariDataSource database, Settings settings) throws SQLException {
        Random random = new Random(11);
        long entries = settings.readPostings() / 2;
        long[][] samples = new long[4][settings.reads()];
        try (Connection connection = database.getConnection(); PreparedStatement summed = connection.prepareStatement(
                "select coalesce(sum(p.amount), 0) from ledger_posting p join ledger_account a on a.id = p.account_id"
                        + " where a.code = ?")) {
            long firstEntry;
            try (Statement sql = connection.createStatement();
                    ResultSet row = sql.executeQuery("select min(id) from ledger_entry")) {
                row.next();
                firstEntry = row.getLong(1);
            }
            for (int warm = 0; warm < 2_000; warm++) {
                ledger.balance(account(random, settings.readAccounts()));
            }
            for (int i = 0; i < settings.reads(); i++) {
                LedgerAccount account = account(random, settings.readAccounts());
                long entry = firstEntry + (long) (random.nextDouble() * entries);
                Instant at = Instant.parse("2026-01-01T00:00:00Z").plusMillis((long) (random.nextDouble() * entries));
                long t0 = System.nanoTime();
                BigInteger now = ledger.balance(account);
                long t1 = System.nanoTime();
                ledger.balanceAsOfEntry(account, entry);
                long t2 = System.nanoTime();
                ledger.balanceAsOf(account, at);
                long t3 = System.nanoTime();
                summed.setString(1, account.code());
                BigInteger total;
                try (ResultSet row = summed.executeQuery()) {
                    row.next();
                    total = row.getBigDecimal(1).toBigIntegerExact();
                }
                long t4 = System.nanoTime();
                if (!total.equals(now)) {
                    throw new IllegalStateException(account.code() + ": kept " + now + ", summed " + total);
                }
                samples[0][i] = t1 - t0;
                samples[1][i] = t2 - t1;
                samples[2][i] = t3 - t2;
                samples[3][i] = t4 - t3;
            }
        }
        return new Reads(percentiles(samples[0]), percentiles(samples[1]), percentiles(samples[2]),
                percentiles(samples[3]));
    }

    private static LedgerAccount account(Random random, int accounts) {
        return new LedgerAccount(AccountKind.UNCLAIMED, "bench:" + (1 + random.nextInt(accounts)), Asset.USD);
    }

    private static double[] percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6};
    }
}
