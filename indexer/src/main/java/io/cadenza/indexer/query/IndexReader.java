package io.cadenza.indexer.query;

import io.cadenza.chain.database.CurrentTransaction;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The indexer's projections, read: the only way other modules see {@code idx_*}. Every list is bounded by the
 * caller's page size and pages by key (never by offset), so that a page costs the same on the first and the last.
 */
public final class IndexReader {
    /** The largest page any list answers. */
    public static final int PAGE_SIZE_MAX = 1_000;

    private static final String OFFERING_COLUMNS = "shares_address, sale_address, master_id, treasury, payout_token,"
            + " payment_token, total_shares, price_per_share, starts_at_s, ends_at_s, transfers_restricted,"
            + " unsold_shares, finalized_block, block_number, transaction_hash";

    private final CurrentTransaction transaction;

    public IndexReader(CurrentTransaction transaction) {
        this.transaction = transaction;
    }

    private <T> T read(String what, CurrentTransaction.SqlWork<T> work) {
        try {
            return transaction.read(work);
        } catch (SQLException failure) {
            throw new IndexReadException(what, failure);
        }
    }

    /** The highest block the index holds for the chain, or -1 before the first batch. */
    public long indexedBlock(long chainId) {
        return read("indexed block", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                        "select indexed_block from idx_chain where chain_id = ?")) {
                select.setLong(1, chainId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : -1;
                }
            }
        });
    }

    /** Whether the master's registration was voided (RegistrationVoided seen on the indexed chain). */
    public boolean isVoided(long chainId, java.math.BigInteger tokenId) {
        return read("master void", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                        "select exists (select 1 from idx_master_void where chain_id = ? and token_id = ?)")) {
                select.setLong(1, chainId);
                select.setBigDecimal(2, new BigDecimal(tokenId));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getBoolean(1);
                }
            }
        });
    }

    public Optional<IndexedMaster> masterByIsrcHash(long chainId, String isrcHash) {
        // A voided registration frees its ISRC: the master that holds it is the one not voided.
        return one("select token_id, artist, owner, isrc_hash, metadata_cid, block_number, transaction_hash"
                + " from idx_master m where chain_id = ? and isrc_hash = ? and not exists (select 1 from idx_master_void v"
                + " where v.chain_id = m.chain_id and v.token_id = m.token_id) order by token_id desc limit 1",
                chainId, lower(isrcHash),
                row -> new IndexedMaster(row.getBigDecimal(1).toBigIntegerExact(), row.getString(2),
                        row.getString(3), row.getString(4), row.getString(5), row.getLong(6), row.getString(7)));
    }

    /** The offering created by the transaction, once the index has seen it. */
    public Optional<IndexedOffering> offeringCreatedIn(long chainId, String transactionHash) {
        return one("select " + OFFERING_COLUMNS + " from idx_offering where chain_id = ? and transaction_hash = ?",
                chainId, lower(transactionHash), IndexReader::offering);
    }

    public Optional<IndexedOffering> offering(long chainId, String sharesAddress) {
        return one("select " + OFFERING_COLUMNS + " from idx_offering where chain_id = ? and shares_address = ?",
                chainId, lower(sharesAddress), IndexReader::offering);
    }

    /** The token's dividend accumulator; empty for a token the index does not know. */
    public Optional<IndexedDividends> dividends(long chainId, String token) {
        return one("select token, total_distributed, total_claimed, carried_remainder, distribution_count"
                + " from idx_share_token where chain_id = ? and token = ?", chainId, lower(token),
                row -> new IndexedDividends(row.getString(1), whole(row, 2), whole(row, 3), whole(row, 4),
                        row.getLong(5)));
    }

    /** The {@code Distributed} event of {@code token} emitted by the transaction, once the index holds it. */
    public Optional<IndexedDistribution> distributionIn(long chainId, String token, String transactionHash) {
        String sql = """
                select d.token, d.distribution_id, d.amount, d.units_per_share_added, d.carried_remainder,
                       coalesce((select p.carried_remainder from idx_distribution p where p.chain_id = d.chain_id
                                 and p.token = d.token and p.distribution_id = d.distribution_id - 1), 0),
                       d.block_number, d.block_hash, d.transaction_hash
                from idx_distribution d where d.chain_id = ? and d.transaction_hash = ? and d.token = ?""";
        return read("distribution", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, chainId);
                select.setString(2, lower(transactionHash));
                select.setString(3, lower(token));
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new IndexedDistribution(row.getString(1), whole(row, 2), whole(row, 3),
                            whole(row, 4), whole(row, 5), whole(row, 6), row.getLong(7), row.getString(8),
                            row.getString(9)));
                }
            }
        });
    }

    /**
     * {@code Claimed} events of the tokens, in chain order after ({@code afterBlock}, {@code afterLogIndex}) and up to
     * {@code toBlock} inclusive (the final blocks, for a caller that must not count a claim a reorg may undo).
     */
    public List<IndexedClaim> claims(long chainId, List<String> tokens, long afterBlock, int afterLogIndex,
            long toBlock, int limit) {
        requirePageSize(limit);
        String sql = """
                select token, holder, amount, block_number, log_index, transaction_hash from idx_claim
                where chain_id = ? and token = any(?) and (block_number, log_index) > (?, ?) and block_number <= ?
                order by block_number, log_index limit ?""";
        return read("claims", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, chainId);
                select.setArray(2, connection.createArrayOf("text",
                        tokens.stream().map(IndexReader::lower).toArray()));
                select.setLong(3, afterBlock);
                select.setInt(4, afterLogIndex);
                select.setLong(5, toBlock);
                select.setInt(6, limit);
                List<IndexedClaim> claims = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        claims.add(new IndexedClaim(row.getString(1), row.getString(2), whole(row, 3), row.getLong(4),
                                row.getInt(5), row.getString(6)));
                    }
                }
                return claims;
            }
        });
    }

    private static java.math.BigInteger whole(ResultSet row, int column) throws SQLException {
        return row.getBigDecimal(column).toBigIntegerExact();
    }

    /** Holders with shares, in address order, after {@code afterHolder} (exclusive) when it is given. */
    public List<CapTableEntry> capTable(long chainId, String sharesAddress, @Nullable String afterHolder, int limit) {
        requirePageSize(limit);
        String sql = "select holder, balance, percentage from idx_cap_table where chain_id = ? and token = ?"
                + " and holder > ? order by holder limit ?";
        return read("cap table", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, chainId);
                select.setString(2, lower(sharesAddress));
                select.setString(3, afterHolder == null ? "" : lower(afterHolder));
                select.setInt(4, limit);
                List<CapTableEntry> entries = new ArrayList<>(Math.min(limit, 256));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        BigDecimal percentage = rows.getBigDecimal(3);
                        entries.add(new CapTableEntry(rows.getString(1), rows.getBigDecimal(2).toBigIntegerExact(),
                                percentage == null ? BigDecimal.ZERO : percentage));
                    }
                }
                return entries;
            }
        });
    }

    /**
     * What the wallets hold, with shares or with dividends to claim, ordered by share token then wallet, after the
     * given position (exclusive) when it is given.
     */
    public List<Holding> holdings(long chainId, List<String> holders, @Nullable String afterToken,
            @Nullable String afterHolder, int limit) {
        return holdings(chainId, holders, afterToken, afterHolder, limit, false);
    }

    /** As {@link #holdings}, only those with dividends to claim when {@code claimableOnly}. */
    public List<Holding> holdings(long chainId, List<String> holders, @Nullable String afterToken,
            @Nullable String afterHolder, int limit, boolean claimableOnly) {
        requirePageSize(limit);
        if (holders.isEmpty()) {
            return List.of();
        }
        String sql = "select h.token, o.sale_address, o.master_id, h.holder, h.balance, o.total_shares,"
                + " t.units_per_share * h.balance + h.correction, o.payout_token"
                + " from idx_holder h"
                + " join idx_offering o on o.chain_id = h.chain_id and o.shares_address = h.token"
                + " join idx_share_token t on t.chain_id = h.chain_id and t.token = h.token"
                + " where h.chain_id = ? and h.holder = any (?) and (h.token, h.holder) > (?, ?)"
                + (claimableOnly ? " and t.units_per_share * h.balance + h.correction > 0"
                        : " and (h.balance > 0 or t.units_per_share * h.balance + h.correction > 0)")
                + " order by h.token, h.holder limit ?";
        return read("holdings", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, chainId);
                select.setArray(2, connection.createArrayOf("text", holders.stream().map(IndexReader::lower).toArray()));
                select.setString(3, afterToken == null ? "" : lower(afterToken));
                select.setString(4, afterHolder == null ? "" : lower(afterHolder));
                select.setInt(5, limit);
                List<Holding> holdings = new ArrayList<>(Math.min(limit, 256));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        holdings.add(new Holding(rows.getString(1), rows.getString(2),
                                rows.getBigDecimal(3).toBigIntegerExact(), rows.getString(4),
                                rows.getBigDecimal(5).toBigIntegerExact(), rows.getBigDecimal(6).toBigIntegerExact(),
                                rows.getBigDecimal(7).toBigIntegerExact(), rows.getString(8)));
                    }
                }
                return holdings;
            }
        });
    }

    /**
     * Purchases, issues, distributions and claims after the log {@code (afterBlock, afterLogIndex)} up to block
     * {@code toBlock}, in chain order, at most {@code limit} of them: page on by passing the last one's position.
     */
    public List<ChainActivity> activity(long chainId, long afterBlock, int afterLogIndex, long toBlock, int limit) {
        requirePageSize(limit);
        String sql = "select * from ("
                + " select 'PURCHASE' as kind, block_number, block_hash, log_index, transaction_hash, sale as contract,"
                + " buyer as wallet, share_count as quantity, cost::text as reference from idx_purchase"
                + " where chain_id = ? and (block_number, log_index) > (?, ?) and block_number <= ?"
                + " union all select 'ISSUE', block_number, block_hash, log_index, transaction_hash, sale, recipient,"
                + " share_count, payment_ref from idx_issue where chain_id = ? and (block_number, log_index) > (?, ?) and block_number <= ?"
                + " union all select 'DISTRIBUTION', block_number, block_hash, log_index, transaction_hash, token, null,"
                + " amount, distribution_id::text from idx_distribution"
                + " where chain_id = ? and (block_number, log_index) > (?, ?) and block_number <= ?"
                + " union all select 'CLAIM', block_number, block_hash, log_index, transaction_hash, token, holder,"
                + " amount, null from idx_claim where chain_id = ? and (block_number, log_index) > (?, ?) and block_number <= ?"
                + ") activity order by block_number, log_index limit ?";
        return read("activity", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                for (int table = 0; table < 4; table++) {
                    select.setLong(index++, chainId);
                    select.setLong(index++, afterBlock);
                    select.setInt(index++, afterLogIndex);
                    select.setLong(index++, toBlock);
                }
                select.setInt(index, limit);
                List<ChainActivity> activity = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        activity.add(new ChainActivity(ChainActivity.Kind.valueOf(rows.getString(1)), rows.getLong(2),
                                rows.getString(3), rows.getInt(4), rows.getString(5), rows.getString(6),
                                rows.getString(7), rows.getBigDecimal(8).toBigIntegerExact(), rows.getString(9)));
                    }
                }
                return activity;
            }
        });
    }

    /**
     * Whether the index holds {@code blockHash} at {@code blockNumber}, or that block is final and so pruned. A block
     * above the indexed head is not canonical: after a rollback, the index has not (yet) taken any block there.
     */
    public boolean isCanonical(long chainId, long blockNumber, String blockHash) {
        return read("block hash", connection -> {
            try (PreparedStatement select = connection.prepareStatement("select (select hash from idx_block"
                        + " where chain_id = ? and number = ?), (select indexed_block from idx_chain where chain_id = ?)")) {
                select.setLong(1, chainId);
                select.setLong(2, blockNumber);
                select.setLong(3, chainId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    String stored = row.getString(1);
                    if (stored != null) {
                        return stored.equalsIgnoreCase(blockHash);
                    }
                    long head = row.getLong(2);
                    return !row.wasNull() && blockNumber <= head;
                }
            }
        });
    }

    /** The hash of the highest indexed block, with its number. */
    /**
     * The index's state as every instance sees it: where it ends, whether its indexer recorded a halt (and since
     * when), and the operator's recoveries: how many, the block the last one went back to, and the node's head then.
     */
    public record IndexState(long indexedBlock, String indexedHash, @Nullable String haltedReason,
            @Nullable java.time.Instant haltedSince, long recoveryCount, @Nullable Long recoveredTo,
            @Nullable Long recoveryTarget) {}

    public Optional<IndexState> state(long chainId) {
        return read("state", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                        select indexed_block, indexed_hash, halted_reason, halted_since, recovery_count, recovered_to,
                            recovery_target from idx_chain where chain_id = ?""")) {
                select.setLong(1, chainId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    java.sql.Timestamp since = row.getTimestamp(4);
                    return Optional.of(new IndexState(row.getLong(1), row.getString(2), row.getString(3),
                            since == null ? null : since.toInstant(), row.getLong(5), row.getObject(6, Long.class),
                            row.getObject(7, Long.class)));
                }
            }
        });
    }

    /**
     * Whether a block something was derived from is on the chain the index holds, exactly, however old: its hash is
     * the stored header's, or a log of the index carries it (everything derived from the index comes from a log). A
     * block above the index's end is not known to be, and answers false.
     */
    public boolean holdsBlock(long chainId, long blockNumber, String blockHash) {
        return read("block", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                        select exists (select 1 from idx_block where chain_id = ? and number = ? and hash = ?)
                            or exists (select 1 from idx_log where chain_id = ? and block_number = ?
                                       and block_hash = decode(?, 'hex'))""")) {
                String hex = lower(blockHash).startsWith("0x") ? lower(blockHash).substring(2) : lower(blockHash);
                select.setLong(1, chainId);
                select.setLong(2, blockNumber);
                select.setString(3, lower(blockHash));
                select.setLong(4, chainId);
                select.setLong(5, blockNumber);
                select.setString(6, hex);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getBoolean(1);
                }
            }
        });
    }

    public record IndexedHead(long blockNumber, String blockHash) {}

    public Optional<IndexedHead> head(long chainId) {
        return read("head", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                        "select indexed_block, indexed_hash from idx_chain where chain_id = ?")) {
                select.setLong(1, chainId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new IndexedHead(row.getLong(1), row.getString(2))) : Optional.empty();
                }
            }
        });
    }

    private static IndexedOffering offering(ResultSet row) throws SQLException {
        BigDecimal unsold = row.getBigDecimal(12);
        long finalized = row.getLong(13);
        Long finalizedBlock = row.wasNull() ? null : finalized;
        return new IndexedOffering(row.getString(1), row.getString(2), row.getBigDecimal(3).toBigIntegerExact(),
                row.getString(4), row.getString(5), row.getString(6), row.getBigDecimal(7).toBigIntegerExact(),
                row.getBigDecimal(8).toBigIntegerExact(), row.getLong(9), row.getLong(10), row.getBoolean(11),
                unsold == null ? null : unsold.toBigIntegerExact(), finalizedBlock, row.getLong(14),
                row.getString(15));
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> Optional<T> one(String sql, long chainId, String key, RowReader<T> reader) {
        return read(sql, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, chainId);
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(reader.read(row)) : Optional.empty();
                }
            }
        });
    }

    private static void requirePageSize(int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("page size must be within 1.." + PAGE_SIZE_MAX + ": " + limit);
        }
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** The index could not be read (the database is down or the query failed). */
    public static final class IndexReadException extends RuntimeException {
        IndexReadException(String what, SQLException cause) {
            super("could not read the index: " + what, cause);
        }
    }
}
