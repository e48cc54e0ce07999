package io.cadenza.jobs.ledger;

import io.cadenza.chain.database.CurrentTransaction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The double-entry ledger. Entries are posted in the caller's transaction when there is one (a ledger entry and the
 * chain intent it causes commit together), else in their own. Posting a batch:
 * <ol>
 *   <li>the accounts are created as needed and their balances locked, in account order (no deadlocks), before any
 *       entry is written, so that one account's entries are written, and numbered, in order;</li>
 *   <li>entries whose business key is posted already are skipped (the same postings) or refused (other ones);</li>
 *   <li>entries and postings are written in a few array statements, each posting with its account's balance after
 *       it; the balances are updated once per account.</li>
 * </ol>
 * The database checks again, at commit, that every entry balances per asset, and refuses updates and deletes.
 */
public final class Ledger {
    private final CurrentTransaction transaction;

    public Ledger(CurrentTransaction transaction) {
        this.transaction = transaction;
    }

    /** What posting an entry did: its id, and whether it was written now (false: posted before, by its key). */
    public record Posted(long entryId, String businessKey, boolean written) {}

    public Posted post(Entry entry) {
        return postAll(List.of(entry)).getFirst();
    }

    /** Posts the entries in one transaction; answers them in order. */
    public List<Posted> postAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        try {
            return transaction.write(connection -> write(connection, entries));
        } catch (SQLException failure) {
            if ("23505".equals(failure.getSQLState())) {
                // Another transaction committed the same business key meanwhile, or reversed the same entry.
                throw new LedgerConflictException("posted concurrently under the same business key, or reversing an"
                        + " entry reversed already: " + failure.getMessage(), failure);
            }
            throw new LedgerException("posting " + entries.size() + " entries", failure);
        }
    }

    /**
     * Reverses entry {@code entryId} (a correction): a new entry with every posting negated, once. Reversing an entry
     * again, under another key, is refused; under the same key, answers the first reversal.
     */
    public Posted reverse(long entryId, String businessKey, String description, Instant occurredAt) {
        List<Posting> postings = postingsOf(entryId);
        if (postings.isEmpty()) {
            throw new LedgerConflictException("no entry " + entryId + " to reverse");
        }
        return post(new Entry(businessKey, description, occurredAt,
                postings.stream().map(Posting::negated).toList(), entryId));
    }

    /** The id of the entry posted under {@code businessKey}, if one was. */
    public java.util.Optional<Long> entryId(String businessKey) {
        try {
            return transaction.read(connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "select id from ledger_entry where business_key = ?")) {
                    select.setString(1, businessKey);
                    try (ResultSet row = select.executeQuery()) {
                        return row.next() ? java.util.Optional.of(row.getLong(1)) : java.util.Optional.<Long>empty();
                    }
                }
            });
        } catch (SQLException failure) {
            throw new LedgerException("finding entry " + businessKey, failure);
        }
    }

    /** The account's balance now; zero for an account nothing was posted to. */
    public BigInteger balance(LedgerAccount account) {
        return read("select b.balance from ledger_balance b join ledger_account a on a.id = b.account_id"
                + " where a.code = ?", account.code(), null);
    }

    /** The account's balance right after entry {@code entryId} (and every entry before it). */
    public BigInteger balanceAsOfEntry(LedgerAccount account, long entryId) {
        return read("""
                select p.balance_after from ledger_posting p join ledger_account a on a.id = p.account_id
                where a.code = ? and p.entry_id <= ? order by p.entry_id desc, p.id desc limit 1""",
                account.code(), entryId);
    }

    /** The account's balance as it was at {@code instant}: after every entry recorded at or before it. */
    public BigInteger balanceAsOf(LedgerAccount account, Instant instant) {
        return read("""
                select p.balance_after from ledger_posting p join ledger_account a on a.id = p.account_id
                where a.code = ? and p.recorded_at <= ? order by p.recorded_at desc, p.entry_id desc, p.id desc
                limit 1""", account.code(), Timestamp.from(instant));
    }

    /** The postings of entry {@code entryId}, in the order they were written. */
    public List<Posting> postingsOf(long entryId) {
        try {
            return transaction.read(connection -> postingsOn(connection, entryId));
        } catch (SQLException failure) {
            throw new LedgerException("reading entry " + entryId, failure);
        }
    }

    private BigInteger read(String sql, String code, Object position) {
        try {
            return transaction.read(connection -> {
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setString(1, code);
                    if (position != null) {
                        select.setObject(2, position);
                    }
                    try (ResultSet row = select.executeQuery()) {
                        return row.next() ? row.getBigDecimal(1).toBigIntegerExact() : BigInteger.ZERO;
                    }
                }
            });
        } catch (SQLException failure) {
            throw new LedgerException("reading the balance of " + code, failure);
        }
    }

    private List<Posted> write(Connection connection, List<Entry> entries) throws SQLException {
        Map<String, LedgerAccount> accounts = new TreeMap<>();
        for (Entry entry : entries) {
            entry.postings().forEach(posting -> accounts.put(posting.account().code(), posting.account()));
        }
        Map<String, Long> accountIds = createAccounts(connection, accounts);
        Map<Long, BigInteger> balances = lockBalances(connection, new TreeSet<>(accountIds.values()));

        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (Entry entry : entries) {
            Entry earlier = byKey.putIfAbsent(entry.businessKey(), entry);
            if (earlier != null && !samePostings(earlier.postings(), entry.postings())) {
                throw new LedgerConflictException("business key " + entry.businessKey() + " twice, with other postings");
            }
        }
        Map<String, Long> posted = existing(connection, byKey.keySet());
        for (Map.Entry<String, Long> before : posted.entrySet()) {
            if (!samePostings(postingsOn(connection, before.getValue()), byKey.get(before.getKey()).postings())) {
                throw new LedgerConflictException("business key " + before.getKey() + " was posted with other postings");
            }
        }
        List<Entry> fresh = byKey.values().stream().filter(entry -> !posted.containsKey(entry.businessKey())).toList();
        Map<String, Written> written = insertEntries(connection, fresh);
        insertPostings(connection, fresh, written, accountIds, balances);

        List<Posted> answers = new ArrayList<>();
        for (Entry entry : entries) {
            Written id = written.get(entry.businessKey());
            answers.add(id != null ? new Posted(id.id(), entry.businessKey(), true)
                    : new Posted(posted.get(entry.businessKey()), entry.businessKey(), false));
        }
        return answers;
    }

    private static Map<String, Long> createAccounts(Connection connection, Map<String, LedgerAccount> accounts)
            throws SQLException {
        List<LedgerAccount> all = List.copyOf(accounts.values());
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into ledger_account (code, kind, scope, asset)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[]) on conflict (code) do nothing""")) {
            insert.setArray(1, texts(connection, all.stream().map(LedgerAccount::code).toList()));
            insert.setArray(2, texts(connection, all.stream().map(account -> account.kind().name()).toList()));
            insert.setArray(3, texts(connection, all.stream().map(LedgerAccount::scope).toList()));
            insert.setArray(4, texts(connection, all.stream().map(account -> account.asset().code()).toList()));
            insert.executeUpdate();
        }
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select code, id from ledger_account where code = any (?)")) {
            select.setArray(1, texts(connection, List.copyOf(accounts.keySet())));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return ids;
    }

    /** The balances of the accounts, created at zero where missing, locked in account order until commit. */
    private static Map<Long, BigInteger> lockBalances(Connection connection, TreeSet<Long> accountIds)
            throws SQLException {
        Array ids = connection.createArrayOf("bigint", accountIds.toArray());
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into ledger_balance (account_id, balance, last_entry_id)
                select id, 0, null from unnest(?::bigint[]) as id order by id on conflict (account_id) do nothing""")) {
            insert.setArray(1, ids);
            insert.executeUpdate();
        }
        Map<Long, BigInteger> balances = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select account_id, balance from ledger_balance where account_id = any (?)
                order by account_id for update""")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    balances.put(rows.getLong(1), rows.getBigDecimal(2).toBigIntegerExact());
                }
            }
        }
        return balances;
    }

    private static Map<String, Long> existing(Connection connection, java.util.Collection<String> keys)
            throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select business_key, id from ledger_entry where business_key = any (?)")) {
            select.setArray(1, texts(connection, List.copyOf(keys)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return ids;
    }

    private static List<Posting> postingsOn(Connection connection, long entryId) throws SQLException {
        List<Posting> postings = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select a.kind, a.scope, a.asset, p.amount from ledger_posting p
                join ledger_account a on a.id = p.account_id where p.entry_id = ? order by p.id""")) {
            select.setLong(1, entryId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    postings.add(new Posting(new LedgerAccount(AccountKind.valueOf(rows.getString(1)),
                            rows.getString(2), new Asset(rows.getString(3))), rows.getBigDecimal(4).toBigIntegerExact()));
                }
            }
        }
        return postings;
    }

    /** The same postings whatever their order: the same amounts on the same accounts. */
    private static boolean samePostings(List<Posting> one, List<Posting> other) {
        Map<String, BigInteger> left = new TreeMap<>();
        one.forEach(posting -> left.merge(posting.account().code(), posting.amount(), BigInteger::add));
        Map<String, BigInteger> right = new TreeMap<>();
        other.forEach(posting -> right.merge(posting.account().code(), posting.amount(), BigInteger::add));
        return left.equals(right) && one.size() == other.size();
    }

    private static Map<String, Written> insertEntries(Connection connection, List<Entry> entries)
            throws SQLException {
        Map<String, Written> ids = new HashMap<>();
        if (entries.isEmpty()) {
            return ids;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into ledger_entry (business_key, description, reverses, occurred_at)
                select business_key, description, reverses, occurred_at
                from unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[]) with ordinality
                    as e(business_key, description, reverses, occurred_at, n)
                order by n
                returning id, business_key, recorded_at""")) {
            insert.setArray(1, texts(connection, entries.stream().map(Entry::businessKey).toList()));
            insert.setArray(2, texts(connection, entries.stream().map(Entry::description).toList()));
            insert.setArray(3, connection.createArrayOf("bigint", entries.stream().map(Entry::reverses).toArray()));
            insert.setArray(4, connection.createArrayOf("timestamptz",
                    entries.stream().map(entry -> Timestamp.from(entry.occurredAt())).toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(2), new Written(rows.getLong(1), rows.getTimestamp(3)));
                }
            }
        }
        return ids;
    }

    /** An entry as inserted: its id, and when it was recorded (which its postings carry). */
    private record Written(long id, Timestamp recordedAt) {}

    private static void insertPostings(Connection connection, List<Entry> entries, Map<String, Written> entryIds,
            Map<String, Long> accountIds, Map<Long, BigInteger> balances) throws SQLException {
        List<Long> postingEntries = new ArrayList<>();
        List<Long> postingAccounts = new ArrayList<>();
        List<String> postingAssets = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        List<BigDecimal> after = new ArrayList<>();
        List<Timestamp> recorded = new ArrayList<>();
        Map<Long, Long> lastEntry = new HashMap<>();
        for (Entry entry : entries) {
            Written written = entryIds.get(entry.businessKey());
            long entryId = written.id();
            for (Posting posting : entry.postings()) {
                long accountId = accountIds.get(posting.account().code());
                BigInteger balance = balances.get(accountId).add(posting.amount());
                balances.put(accountId, balance);
                lastEntry.put(accountId, entryId);
                postingEntries.add(entryId);
                postingAccounts.add(accountId);
                postingAssets.add(posting.account().asset().code());
                amounts.add(new BigDecimal(posting.amount()));
                after.add(new BigDecimal(balance));
                recorded.add(written.recordedAt());
            }
        }
        if (postingEntries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into ledger_posting (entry_id, account_id, asset, amount, balance_after, recorded_at)
                select entry_id, account_id, asset, amount, balance_after, recorded_at
                from unnest(?::bigint[], ?::bigint[], ?::text[], ?::numeric[], ?::numeric[], ?::timestamptz[])
                    with ordinality as p(entry_id, account_id, asset, amount, balance_after, recorded_at, n)
                order by n""")) {
            insert.setArray(1, connection.createArrayOf("bigint", postingEntries.toArray()));
            insert.setArray(2, connection.createArrayOf("bigint", postingAccounts.toArray()));
            insert.setArray(3, texts(connection, postingAssets));
            insert.setArray(4, connection.createArrayOf("numeric", amounts.toArray()));
            insert.setArray(5, connection.createArrayOf("numeric", after.toArray()));
            insert.setArray(6, connection.createArrayOf("timestamptz", recorded.toArray()));
            insert.executeUpdate();
        }
        List<Long> touched = List.copyOf(lastEntry.keySet());
        try (PreparedStatement update = connection.prepareStatement("""
                update ledger_balance b set balance = v.balance, last_entry_id = v.last_entry_id
                from unnest(?::bigint[], ?::numeric[], ?::bigint[]) as v(account_id, balance, last_entry_id)
                where b.account_id = v.account_id""")) {
            update.setArray(1, connection.createArrayOf("bigint", touched.toArray()));
            update.setArray(2, connection.createArrayOf("numeric",
                    touched.stream().map(id -> new BigDecimal(balances.get(id))).toArray()));
            update.setArray(3, connection.createArrayOf("bigint", touched.stream().map(lastEntry::get).toArray()));
            update.executeUpdate();
        }
    }

    private static Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** The database failed the ledger (not a conflict of the postings themselves). */
    public static final class LedgerException extends RuntimeException {
        LedgerException(String what, SQLException cause) {
            super(what + ": " + cause.getMessage(), cause);
        }
    }
}
