package io.cadenza.indexer.store;

import static io.cadenza.indexer.store.ArrayInsert.ColumnType.BIGINT;
import static io.cadenza.indexer.store.ArrayInsert.ColumnType.TEXT;

import io.cadenza.chain.database.CurrentTransaction;
import io.cadenza.indexer.events.ContractKind;
import io.cadenza.indexer.rpc.BlockHeader;
import io.cadenza.indexer.rpc.RawLog;
import io.cadenza.indexer.store.ArrayInsert.Column;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's tables for one chain. Every write is one transaction: a batch with its projections and checkpoint,
 * or a rollback to a common ancestor.
 */
public final class IndexStore {
    private static final Logger LOG = LoggerFactory.getLogger(IndexStore.class);

    /** Tables whose rows come from logs: a rollback deletes their rows above the ancestor. */
    private static final List<String> EVENT_TABLES = List.of("idx_log", "idx_master", "idx_master_transfer",
            "idx_master_void", "idx_offering", "idx_transfer", "idx_purchase", "idx_issue", "idx_distribution",
            "idx_claim", "idx_wallet_verification");
    /** Every table holding one chain's data, for forgetting a chain that was replaced (same id, new genesis). */
    private static final List<String> CHAIN_TABLES = List.of("idx_log", "idx_master", "idx_master_transfer",
            "idx_master_void", "idx_offering", "idx_transfer", "idx_purchase", "idx_issue", "idx_distribution",
            "idx_claim", "idx_wallet_verification", "idx_holder", "idx_share_token", "idx_contract", "idx_block",
            "idx_chain");

    private final CurrentTransaction transaction;
    private final long chainId;
    private final ProjectionWriter projections;

    public IndexStore(CurrentTransaction transaction, long chainId) {
        this.transaction = transaction;
        this.chainId = chainId;
        this.projections = new ProjectionWriter(chainId);
    }

    public long chainId() {
        return chainId;
    }

    public Optional<Checkpoint> checkpoint() throws SQLException {
        return transaction.read(connection -> checkpoint(connection, false));
    }

    /**
     * Starts indexing the chain at {@code startBlock}, whose parent is {@code startParent}, with {@code contracts}
     * watched, unless it is already under way. A chain with this id but another genesis block is a new chain (a dev
     * node restarted under the same database): what was indexed of the old one is forgotten.
     */
    public Checkpoint initialize(String genesisHash, BlockHeader startParent, List<WatchedContract> contracts)
            throws SQLException {
        return inTransaction(connection -> {
            Optional<Checkpoint> existing = checkpoint(connection, true);
            if (existing.isPresent() && existing.get().genesisHash().equals(genesisHash)) {
                return existing.get();
            }
            if (existing.isPresent()) {
                LOG.warn("chain {} has a new genesis block {} (was {}): forgetting what was indexed of the old chain",
                        chainId, genesisHash, existing.get().genesisHash());
                for (String table : CHAIN_TABLES) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "delete from " + table + " where chain_id = ?")) {
                        delete.setLong(1, chainId);
                        delete.executeUpdate();
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into idx_chain (chain_id, genesis_hash, start_block, indexed_block, indexed_hash)
                    values (?, ?, ?, ?, ?)""")) {
                insert.setLong(1, chainId);
                insert.setString(2, genesisHash);
                insert.setLong(3, startParent.number() + 1);
                insert.setLong(4, startParent.number());
                insert.setString(5, startParent.hash());
                insert.executeUpdate();
            }
            insertHeaders(connection, List.of(startParent));
            insertContracts(connection, contracts);
            return checkpoint(connection, false).orElseThrow();
        });
    }

    public List<WatchedContract> watchedContracts() throws SQLException {
        return transaction.read(connection -> {
            List<WatchedContract> contracts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select address, kind, discovered_block from idx_contract where chain_id = ?")) {
                select.setLong(1, chainId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        contracts.add(new WatchedContract(rows.getString(1), ContractKind.valueOf(rows.getString(2)),
                                rows.getLong(3)));
                    }
                }
            }
            return contracts;
        });
    }

    /** Stored headers by number: the unfinalised blocks and the checkpoint. */
    public NavigableMap<Long, String> storedHeaderHashes() throws SQLException {
        return transaction.read(connection -> {
            NavigableMap<Long, String> hashes = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select number, hash from idx_block where chain_id = ?")) {
                select.setLong(1, chainId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        hashes.put(rows.getLong(1), rows.getString(2));
                    }
                }
            }
            return hashes;
        });
    }

    /**
     * Commits a batch: raw logs, headers, discovered contracts, projections and the checkpoint, all or nothing. The
     * checkpoint must still be where the batch starts: a second writer (a leader that lost its lock without knowing)
     * fails here instead of doubling anything.
     */
    public ProjectedChanges commit(IndexBatch batch, IndexFaults faults) throws SQLException {
        return inTransaction(connection -> {
            Checkpoint checkpoint = checkpoint(connection, true)
                    .orElseThrow(() -> new IllegalStateException("chain " + chainId + " is not initialised"));
            if (checkpoint.indexedBlock() != batch.fromBlock() - 1) {
                throw new IllegalStateException("batch from block " + batch.fromBlock() + " does not follow the checkpoint "
                        + checkpoint.indexedBlock() + " of chain " + chainId);
            }
            BlockHeader first = batch.headers().getFirst();
            // A block that names no parent was linked by number by the indexer (local dev chains only).
            if (first.number() == batch.fromBlock() && !first.parentUnknown()
                    && !first.parentHash().equals(checkpoint.indexedHash())) {
                throw new IllegalStateException("block " + first.number() + " does not build on the checkpoint "
                        + checkpoint.indexedHash());
            }
            insertLogs(connection, batch.logs());
            insertHeaders(connection, batch.headers());
            insertContracts(connection, batch.discovered());
            faults.afterLogsStored();
            ProjectedChanges changes = projections.apply(connection, batch.events());
            faults.afterProjections();
            try (PreparedStatement update = connection.prepareStatement("""
                    update idx_chain set indexed_block = ?, indexed_hash = ?, updated_at = now() where chain_id = ?""")) {
                update.setLong(1, batch.toBlock());
                update.setString(2, batch.last().hash());
                update.setLong(3, chainId);
                update.executeUpdate();
            }
            try (PreparedStatement prune = connection.prepareStatement(
                    "delete from idx_block where chain_id = ? and number < ? and number <> ?")) {
                prune.setLong(1, chainId);
                prune.setLong(2, batch.keepHeadersFrom());
                prune.setLong(3, batch.toBlock());
                prune.executeUpdate();
            }
            faults.beforeCommit();
            return changes;
        });
    }

    /**
     * Forgets everything above block {@code ancestor} and recomputes the holders and accumulators of the tokens it
     * touched from the events that remain, all in one transaction. The checkpoint moves back to the ancestor.
     */
    public ProjectedChanges rollbackTo(long ancestor) throws SQLException {
        return inTransaction(connection -> {
            Checkpoint checkpoint = checkpoint(connection, true)
                    .orElseThrow(() -> new IllegalStateException("chain " + chainId + " is not initialised"));
            String ancestorHash = headerHash(connection, ancestor);
            if (ancestorHash == null || ancestor < checkpoint.startBlock() - 1) {
                throw new IllegalStateException("no stored header for ancestor " + ancestor + " of chain " + chainId);
            }
            ProjectedChanges changes = forgetAbove(connection, ancestor);
            try (PreparedStatement update = connection.prepareStatement("""
                    update idx_chain set indexed_block = ?, indexed_hash = ?, reorg_count = reorg_count + 1,
                        updated_at = now() where chain_id = ?""")) {
                update.setLong(1, ancestor);
                update.setString(2, ancestorHash);
                update.setLong(3, chainId);
                update.executeUpdate();
            }
            LOG.info("chain {}: rolled back from block {} to common ancestor {}", chainId, checkpoint.indexedBlock(),
                    ancestor);
            return changes;
        });
    }

    /**
     * The operator's recovery (a reorg deeper than finality, or an index to rebuild): forgets everything above
     * {@code ancestor}, the node's block, whose header replaces any stored from there up, and counts a recovery
     * aimed at the node's head {@code target}, all in one transaction. A concurrent indexer's next commit no longer
     * follows the checkpoint and fails; its next step reloads what it keeps in memory (the recovery count changed).
     */
    public ProjectedChanges rewindForRecovery(BlockHeader ancestor, long target) throws SQLException {
        return inTransaction(connection -> {
            Checkpoint checkpoint = checkpoint(connection, true)
                    .orElseThrow(() -> new IllegalStateException("chain " + chainId + " is not initialised"));
            if (ancestor.number() < checkpoint.startBlock() - 1 || ancestor.number() > checkpoint.indexedBlock()) {
                throw new IllegalArgumentException("block " + (ancestor.number() + 1) + " is outside the index of chain "
                        + chainId + " (blocks " + checkpoint.startBlock() + ".." + (checkpoint.indexedBlock() + 1) + ")");
            }
            deleteAbove(connection, "delete from idx_block where chain_id = ? and number >= ?", ancestor.number());
            insertHeaders(connection, List.of(ancestor));
            ProjectedChanges changes = forgetAbove(connection, ancestor.number());
            try (PreparedStatement update = connection.prepareStatement("""
                    update idx_chain set indexed_block = ?, indexed_hash = ?, recovery_count = recovery_count + 1,
                        recovered_to = ?, recovery_target = ?, halted_reason = null, halted_since = null,
                        updated_at = now() where chain_id = ?""")) {
                update.setLong(1, ancestor.number());
                update.setString(2, ancestor.hash());
                update.setLong(3, ancestor.number());
                update.setLong(4, target);
                update.setLong(5, chainId);
                update.executeUpdate();
            }
            LOG.warn("chain {}: recovery: index rewound from block {} to block {}, to be indexed again up to {}",
                    chainId, checkpoint.indexedBlock(), ancestor.number(), target);
            return changes;
        });
    }

    /** Removes every row above {@code ancestor} and recomputes the holders, accumulators and owners it touched. */
    private ProjectedChanges forgetAbove(Connection connection, long ancestor) throws SQLException {
        Set<String> tokens = stringsAbove(connection, """
                select token from idx_transfer, p where chain_id = p.chain and block_number > p.above
                union select token from idx_distribution, p where chain_id = p.chain and block_number > p.above
                union select token from idx_claim, p where chain_id = p.chain and block_number > p.above""",
                ancestor);
        Set<String> sales = stringsAbove(connection, """
                select sale from idx_purchase, p where chain_id = p.chain and block_number > p.above
                union select sale from idx_issue, p where chain_id = p.chain and block_number > p.above
                union select sale_address from idx_offering, p
                where chain_id = p.chain and (block_number > p.above or finalized_block > p.above)""", ancestor);
        Set<BigInteger> masters = new HashSet<>();
        for (String tokenId : stringsAbove(connection, """
                select token_id::text from idx_master_transfer, p
                where chain_id = p.chain and block_number > p.above""", ancestor)) {
            masters.add(new BigInteger(tokenId));
        }
        for (String table : EVENT_TABLES) {
            deleteAbove(connection, "delete from " + table + " where chain_id = ? and block_number > ?", ancestor);
        }
        // Clones only: the registry and the factory are watched from the first block, and a rewind to before it
        // (a recovery from scratch) must leave them watched.
        deleteAbove(connection, """
                delete from idx_contract where chain_id = ? and discovered_block > ? and kind in ('SHARES', 'SALE')""",
                ancestor);
        deleteAbove(connection, "delete from idx_block where chain_id = ? and number > ?", ancestor);
        deleteAbove(connection, """
                update idx_offering set unsold_shares = null, finalized_block = null
                where chain_id = ? and finalized_block > ?""", ancestor);
        recomputeTokens(connection, tokens);
        projections.refreshMasterOwners(connection, masters);
        return new ProjectedChanges(tokens, sales, masters, 0, 0, 0, 0, 0, 0);
    }

    /** A block the index holds, with the hash it was indexed at. */
    public record StoredBlock(long number, String hash) {}

    /**
     * The highest block at or below {@code number} that the index holds a hash of: a block with logs, or a stored
     * header. Every one of them is on the branch the index followed, so the node disagreeing about one means it
     * disagrees about all above it.
     */
    public Optional<StoredBlock> storedBlockAtOrBelow(long number) throws SQLException {
        return transaction.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select number, hash from (
                        (select block_number as number, '0x' || encode(block_hash, 'hex') as hash from idx_log
                         where chain_id = ? and block_number <= ? order by block_number desc limit 1)
                        union all
                        (select number, hash from idx_block where chain_id = ? and number <= ?
                         order by number desc limit 1)) as stored
                    order by number desc limit 1""")) {
                select.setLong(1, chainId);
                select.setLong(2, number);
                select.setLong(3, chainId);
                select.setLong(4, number);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new StoredBlock(row.getLong(1), row.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The contract of {@code kind} the index was started with (the registry, the factory). */
    public Optional<String> contractOfKind(ContractKind kind) throws SQLException {
        return transaction.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select address from idx_contract where chain_id = ? and kind = ? order by discovered_block limit 1")) {
                select.setLong(1, chainId);
                select.setString(2, kind.name());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Records that the indexer cannot advance, for every instance to read; the first time is kept as its start. */
    public void recordHalt(String reason) throws SQLException {
        transaction.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update idx_chain set halted_reason = ?, halted_since = coalesce(halted_since, now())
                    where chain_id = ? and halted_reason is distinct from ?""")) {
                update.setString(1, reason);
                update.setLong(2, chainId);
                update.setString(3, reason);
                return update.executeUpdate();
            }
        });
    }

    /** Clears a recorded halt: the indexer advances. */
    public void clearHalt() throws SQLException {
        transaction.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update idx_chain set halted_reason = null, halted_since = null where chain_id = ? and halted_since is not null")) {
                update.setLong(1, chainId);
                return update.executeUpdate();
            }
        });
    }

    private void recomputeTokens(Connection connection, Set<String> tokens) throws SQLException {
        if (tokens.isEmpty()) {
            return;
        }
        Object[] tokenArray = tokens.toArray();
        for (String table : List.of("idx_holder", "idx_share_token")) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from " + table + " where chain_id = ? and token = any (?)")) {
                delete.setLong(1, chainId);
                delete.setArray(2, connection.createArrayOf("text", tokenArray));
                delete.executeUpdate();
            }
        }
        // The same sums the forward path adds up event by event; each transfer row keeps the accumulator of its time.
        try (PreparedStatement holders = connection.prepareStatement("""
                insert into idx_holder (chain_id, token, holder, balance, correction, first_block)
                select ?, token, holder, sum(balance_change), sum(correction_change), min(first_block) from (
                    select token, to_address as holder, value as balance_change,
                           -(value * units_per_share) as correction_change, block_number as first_block
                    from idx_transfer where chain_id = ? and token = any (?) and to_address <> ?
                    union all
                    select token, from_address, -value, value * units_per_share, null
                    from idx_transfer where chain_id = ? and token = any (?) and from_address <> ?
                    union all
                    select token, holder, 0, -amount, null from idx_claim where chain_id = ? and token = any (?)
                ) as changes group by token, holder""")) {
            holders.setLong(1, chainId);
            for (int offset : new int[] {2, 5}) {
                holders.setLong(offset, chainId);
                holders.setArray(offset + 1, connection.createArrayOf("text", tokenArray));
                holders.setString(offset + 2, ProjectionWriter.ZERO_ADDRESS);
            }
            holders.setLong(8, chainId);
            holders.setArray(9, connection.createArrayOf("text", tokenArray));
            holders.executeUpdate();
        }
        try (PreparedStatement accumulators = connection.prepareStatement("""
                insert into idx_share_token (chain_id, token, units_per_share, carried_remainder, total_distributed,
                    total_claimed, distribution_count)
                select ?, t.token,
                    coalesce((select sum(units_per_share_added) from idx_distribution d
                              where d.chain_id = ? and d.token = t.token), 0),
                    coalesce((select carried_remainder from idx_distribution d where d.chain_id = ? and d.token = t.token
                              order by d.distribution_id desc limit 1), 0),
                    coalesce((select sum(amount) from idx_distribution d where d.chain_id = ? and d.token = t.token), 0),
                    coalesce((select sum(amount) from idx_claim c where c.chain_id = ? and c.token = t.token), 0),
                    (select count(*) from idx_distribution d where d.chain_id = ? and d.token = t.token)
                from (select token from idx_transfer where chain_id = ? and token = any (?)
                      union select token from idx_distribution where chain_id = ? and token = any (?)
                      union select token from idx_claim where chain_id = ? and token = any (?)) as t""")) {
            for (int index = 1; index <= 6; index++) {
                accumulators.setLong(index, chainId);
            }
            for (int offset : new int[] {7, 9, 11}) {
                accumulators.setLong(offset, chainId);
                accumulators.setArray(offset + 1, connection.createArrayOf("text", tokenArray));
            }
            accumulators.executeUpdate();
        }
    }

    private void insertLogs(Connection connection, List<RawLog> logs) throws SQLException {
        CopyInsert insert = new CopyInsert("idx_log", List.of("chain_id", "block_number", "block_hash", "log_index",
                "transaction_hash", "address", "topic0", "topic1", "topic2", "topic3", "data"));
        for (RawLog log : logs) {
            insert.add(chainId, log.blockNumber(), bytes(log.blockHash()), log.logIndex(),
                    bytes(log.transactionHash()), bytes(log.address()), bytes(log.topic(0)), bytes(log.topic(1)),
                    bytes(log.topic(2)), bytes(log.topic(3)), bytes(log.data()));
        }
        insert.execute(connection);
    }

    private static CopyInsert.Bytes bytes(String hex) {
        return hex == null ? null : new CopyInsert.Bytes(hex);
    }

    private void insertHeaders(Connection connection, List<BlockHeader> headers) throws SQLException {
        ArrayInsert insert = new ArrayInsert("idx_block", List.of(new Column("chain_id", BIGINT),
                new Column("number", BIGINT), new Column("hash", TEXT), new Column("parent_hash", TEXT),
                new Column("timestamp_s", BIGINT)), "");
        for (BlockHeader header : headers) {
            insert.add(chainId, header.number(), header.hash(), header.parentHash(), header.timestampSeconds());
        }
        insert.execute(connection);
    }

    private void insertContracts(Connection connection, List<WatchedContract> contracts) throws SQLException {
        ArrayInsert insert = new ArrayInsert("idx_contract", List.of(new Column("chain_id", BIGINT),
                new Column("address", TEXT), new Column("kind", TEXT), new Column("discovered_block", BIGINT)),
                "on conflict (chain_id, address) do nothing");
        for (WatchedContract contract : contracts) {
            insert.add(chainId, contract.address(), contract.kind().name(), contract.discoveredBlock());
        }
        insert.execute(connection);
    }

    private Optional<Checkpoint> checkpoint(Connection connection, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select genesis_hash, start_block, indexed_block, indexed_hash, reorg_count, recovery_count from idx_chain
                where chain_id = ?""" + (forUpdate ? " for update" : ""))) {
            select.setLong(1, chainId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Checkpoint(chainId, row.getString(1), row.getLong(2), row.getLong(3),
                        row.getString(4), row.getLong(5), row.getLong(6)));
            }
        }
    }

    private String headerHash(Connection connection, long number) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select hash from idx_block where chain_id = ? and number = ?")) {
            select.setLong(1, chainId);
            select.setLong(2, number);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The first column of {@code query}, which reads this chain as {@code p.chain} and the block as {@code p.above}. */
    private Set<String> stringsAbove(Connection connection, String query, long block) throws SQLException {
        Set<String> values = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "with p as (select ?::bigint as chain, ?::bigint as above) " + query)) {
            select.setLong(1, chainId);
            select.setLong(2, block);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private void deleteAbove(Connection connection, String sql, long ancestor) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, chainId);
            statement.setLong(2, ancestor);
            statement.executeUpdate();
        }
    }

    /** One batch, one transaction: its logs, projections and checkpoint commit together or not at all. */
    private <T> T inTransaction(CurrentTransaction.SqlWork<T> work) throws SQLException {
        return transaction.write(work);
    }

}
