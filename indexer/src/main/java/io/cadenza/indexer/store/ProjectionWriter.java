package io.cadenza.indexer.store;

import static io.cadenza.indexer.store.ArrayInsert.ColumnType.BIGINT;
import static io.cadenza.indexer.store.ArrayInsert.ColumnType.NUMERIC;
import static io.cadenza.indexer.store.ArrayInsert.ColumnType.TEXT;

import io.cadenza.indexer.events.ChainEvent;
import io.cadenza.indexer.rpc.RawLog;
import io.cadenza.indexer.store.ArrayInsert.Column;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one batch of decoded events to the projections, inside the batch's transaction. Events apply in chain
 * order: a transfer's effect on dividends depends on the accumulator at that moment, exactly as in the contract.
 */
final class ProjectionWriter {
    static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private static final List<String> EVENT_COLUMNS = List.of("chain_id", "block_number", "block_hash", "log_index",
            "transaction_hash");

    private final long chainId;

    ProjectionWriter(long chainId) {
        this.chainId = chainId;
    }

    ProjectedChanges apply(Connection connection, List<ChainEvent> events) throws SQLException {
        CopyInsert masters = eventInsert("idx_master", "token_id", "artist", "owner", "isrc_hash", "metadata_cid");
        CopyInsert masterTransfers = eventInsert("idx_master_transfer", "token_id", "from_address", "to_address");
        CopyInsert voids = eventInsert("idx_master_void", "token_id", "isrc_hash", "reason_hash");
        CopyInsert offerings = eventInsert("idx_offering", "shares_address", "sale_address", "master_id", "treasury",
                "payout_token", "payment_token", "total_shares", "price_per_share", "starts_at_s", "ends_at_s",
                "transfers_restricted");
        CopyInsert transfers = eventInsert("idx_transfer", "token", "from_address", "to_address", "value",
                "units_per_share");
        CopyInsert purchases = eventInsert("idx_purchase", "sale", "buyer", "share_count", "cost");
        CopyInsert issues = eventInsert("idx_issue", "sale", "recipient", "share_count", "payment_ref");
        CopyInsert distributions = eventInsert("idx_distribution", "token", "distribution_id", "amount",
                "units_per_share_added", "carried_remainder");
        CopyInsert claims = eventInsert("idx_claim", "token", "holder", "amount");
        CopyInsert verifications = eventInsert("idx_wallet_verification", "token", "wallet", "verified");
        List<ChainEvent.SaleFinalized> finalized = new ArrayList<>();

        Map<String, TokenAccumulator> accumulators = loadAccumulators(connection, tokensOf(events));
        Map<HolderKey, HolderDelta> holders = new LinkedHashMap<>();
        Set<String> sales = new HashSet<>();
        Set<BigInteger> touchedMasters = new HashSet<>();

        for (ChainEvent event : events) {
            RawLog log = event.log();
            switch (event) {
                case ChainEvent.MasterRegistered registered -> {
                    masters.add(row(log, registered.tokenId(), registered.artist(), registered.artist(),
                            registered.isrcHash(), registered.metadataCid()));
                    touchedMasters.add(registered.tokenId());
                }
                case ChainEvent.RegistrationVoided voided -> {
                    voids.add(row(log, voided.tokenId(), voided.isrcHash(), voided.reasonHash()));
                    touchedMasters.add(voided.tokenId());
                }
                case ChainEvent.MasterTransferred transferred -> {
                    masterTransfers.add(row(log, transferred.tokenId(), transferred.from(), transferred.to()));
                    touchedMasters.add(transferred.tokenId());
                }
                case ChainEvent.OfferingCreated created -> {
                    offerings.add(row(log, created.shares(), created.sale(), created.masterId(), created.treasury(),
                            created.payoutToken(), created.paymentToken(), created.totalShares(),
                            created.pricePerShare(), created.startsAtSeconds(), created.endsAtSeconds(),
                            created.transfersRestricted()));
                    sales.add(created.sale());
                    touchedMasters.add(created.masterId());
                }
                case ChainEvent.SharesTransferred transfer -> {
                    String token = log.address();
                    BigInteger unitsPerShare = accumulators.get(token).unitsPerShare();
                    transfers.add(row(log, token, transfer.from(), transfer.to(), transfer.value(), unitsPerShare));
                    BigInteger correctionDelta = unitsPerShare.multiply(transfer.value());
                    if (!ZERO_ADDRESS.equals(transfer.from())) {
                        holder(holders, token, transfer.from(), log)
                                .merge(transfer.value().negate(), correctionDelta);
                    }
                    if (!ZERO_ADDRESS.equals(transfer.to())) {
                        holder(holders, token, transfer.to(), log).merge(transfer.value(), correctionDelta.negate());
                    }
                }
                case ChainEvent.Distributed distributed -> {
                    String token = log.address();
                    distributions.add(row(log, token, distributed.distributionId(), distributed.amount(),
                            distributed.unitsPerShareAdded(), distributed.carriedRemainder()));
                    accumulators.compute(token, (ignored, accumulator) -> accumulator.distributed(distributed.amount(),
                            distributed.unitsPerShareAdded(), distributed.carriedRemainder()));
                }
                case ChainEvent.Claimed claimed -> {
                    String token = log.address();
                    claims.add(row(log, token, claimed.holder(), claimed.amount()));
                    accumulators.compute(token, (ignored, accumulator) -> accumulator.claimed(claimed.amount()));
                    holder(holders, token, claimed.holder(), log).merge(BigInteger.ZERO, claimed.amount().negate());
                }
                case ChainEvent.WalletVerificationChanged changed ->
                    verifications.add(row(log, log.address(), changed.wallet(), changed.verified()));
                case ChainEvent.SharesPurchased purchase -> {
                    purchases.add(row(log, log.address(), purchase.buyer(), purchase.shareCount(), purchase.cost()));
                    sales.add(log.address());
                }
                case ChainEvent.SharesIssued issue -> {
                    issues.add(row(log, log.address(), issue.to(), issue.shareCount(), issue.paymentRef()));
                    sales.add(log.address());
                }
                case ChainEvent.SaleFinalized saleFinalized -> {
                    finalized.add(saleFinalized);
                    sales.add(log.address());
                }
            }
        }

        for (CopyInsert insert : List.of(masters, masterTransfers, voids, offerings, transfers, purchases, issues,
                distributions, claims, verifications)) {
            insert.execute(connection);
        }
        writeAccumulators(connection, accumulators);
        writeHolders(connection, holders);

        finalizeSales(connection, finalized);
        refreshMasterOwners(connection, touchedMasters);
        return new ProjectedChanges(accumulators.keySet(), sales, touchedMasters, offerings.size(), transfers.size(),
                purchases.size(), issues.size(), distributions.size(), claims.size());
    }

    /**
     * Sets each master's owner to the receiver of its latest ERC-721 transfer; also used after a rollback, which may
     * have removed the latest.
     */
    void refreshMasterOwners(Connection connection, Set<BigInteger> tokenIds) throws SQLException {
        if (tokenIds.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update idx_master m set owner = coalesce((
                    select t.to_address from idx_master_transfer t
                    where t.chain_id = m.chain_id and t.token_id = m.token_id
                    order by t.block_number desc, t.log_index desc limit 1), m.artist)
                where m.chain_id = ? and m.token_id = any (?::text[]::numeric[])""")) {
            update.setLong(1, chainId);
            Array ids = connection.createArrayOf("text", tokenIds.stream().map(BigInteger::toString).toArray());
            update.setArray(2, ids);
            update.executeUpdate();
        }
    }

    private void finalizeSales(Connection connection, List<ChainEvent.SaleFinalized> finalized) throws SQLException {
        if (finalized.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update idx_offering set unsold_shares = ?::numeric, finalized_block = ?
                where chain_id = ? and sale_address = ?""")) {
            for (ChainEvent.SaleFinalized saleFinalized : finalized) {
                update.setString(1, saleFinalized.unsoldShares().toString());
                update.setLong(2, saleFinalized.log().blockNumber());
                update.setLong(3, chainId);
                update.setString(4, saleFinalized.log().address());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private Map<String, TokenAccumulator> loadAccumulators(Connection connection, Set<String> tokens)
            throws SQLException {
        Map<String, TokenAccumulator> accumulators = new HashMap<>();
        if (tokens.isEmpty()) {
            return accumulators;
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select token, units_per_share, carried_remainder, total_distributed, total_claimed, distribution_count
                from idx_share_token where chain_id = ? and token = any (?)""")) {
            select.setLong(1, chainId);
            select.setArray(2, connection.createArrayOf("text", tokens.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accumulators.put(rows.getString(1), new TokenAccumulator(rows.getBigDecimal(2).toBigIntegerExact(),
                            rows.getBigDecimal(3).toBigIntegerExact(), rows.getBigDecimal(4).toBigIntegerExact(),
                            rows.getBigDecimal(5).toBigIntegerExact(), rows.getLong(6)));
                }
            }
        }
        for (String token : tokens) {
            accumulators.putIfAbsent(token, TokenAccumulator.EMPTY);
        }
        return accumulators;
    }

    private void writeAccumulators(Connection connection, Map<String, TokenAccumulator> accumulators)
            throws SQLException {
        ArrayInsert upsert = new ArrayInsert("idx_share_token", List.of(new Column("chain_id", BIGINT),
                new Column("token", TEXT), new Column("units_per_share", NUMERIC),
                new Column("carried_remainder", NUMERIC), new Column("total_distributed", NUMERIC),
                new Column("total_claimed", NUMERIC), new Column("distribution_count", BIGINT)), """
                on conflict (chain_id, token) do update set units_per_share = excluded.units_per_share,
                    carried_remainder = excluded.carried_remainder, total_distributed = excluded.total_distributed,
                    total_claimed = excluded.total_claimed, distribution_count = excluded.distribution_count""");
        accumulators.forEach((token, accumulator) -> upsert.add(chainId, token, accumulator.unitsPerShare(),
                accumulator.carriedRemainder(), accumulator.totalDistributed(), accumulator.totalClaimed(),
                accumulator.distributionCount()));
        upsert.execute(connection);
    }

    private void writeHolders(Connection connection, Map<HolderKey, HolderDelta> holders) throws SQLException {
        // Deltas, not absolute values: a holder's row is read by nobody in the batch, and adding keeps it one statement.
        ArrayInsert upsert = new ArrayInsert("idx_holder", List.of(new Column("chain_id", BIGINT),
                new Column("token", TEXT), new Column("holder", TEXT), new Column("balance", NUMERIC),
                new Column("correction", NUMERIC), new Column("first_block", BIGINT)), """
                on conflict (chain_id, token, holder) do update set balance = idx_holder.balance + excluded.balance,
                    correction = idx_holder.correction + excluded.correction""");
        holders.forEach((key, delta) -> upsert.add(chainId, key.token(), key.holder(), delta.balance(),
                delta.correction(), delta.firstBlock()));
        // A negative balance means a log was missed or applied twice: fail the batch rather than commit it.
        upsert.executeThen(connection, "token, holder, balance",
                "select token, holder, balance from inserted where balance < 0 limit 1", negative -> {
                    if (negative.next()) {
                        throw new IllegalStateException("holder " + negative.getString(2) + " of "
                                + negative.getString(1) + " would have a balance of " + negative.getString(3));
                    }
                });
    }

    private static HolderUpdate holder(Map<HolderKey, HolderDelta> holders, String token, String holder, RawLog log) {
        HolderKey key = new HolderKey(token, holder);
        holders.putIfAbsent(key, HolderDelta.startingAt(log.blockNumber()));
        return (balanceChange, correctionChange) -> holders.compute(key,
                (ignored, delta) -> delta.plus(balanceChange, correctionChange));
    }

    private static Set<String> tokensOf(List<ChainEvent> events) {
        Set<String> tokens = new HashSet<>();
        for (ChainEvent event : events) {
            if (event instanceof ChainEvent.SharesTransferred || event instanceof ChainEvent.Distributed
                    || event instanceof ChainEvent.Claimed) {
                tokens.add(event.log().address());
            }
        }
        return tokens;
    }

    private Object[] row(RawLog log, Object... values) {
        Object[] row = new Object[EVENT_COLUMNS.size() + values.length];
        row[0] = chainId;
        row[1] = log.blockNumber();
        row[2] = log.blockHash();
        row[3] = log.logIndex();
        row[4] = log.transactionHash();
        System.arraycopy(values, 0, row, EVENT_COLUMNS.size(), values.length);
        return row;
    }

    /** An insert into an event table: the log's identity columns, then {@code columns}. */
    private static CopyInsert eventInsert(String table, String... columns) {
        List<String> all = new ArrayList<>(EVENT_COLUMNS);
        all.addAll(List.of(columns));
        return new CopyInsert(table, all);
    }

    private record HolderKey(String token, String holder) {}

    @FunctionalInterface
    private interface HolderUpdate {
        void merge(BigInteger balanceChange, BigInteger correctionChange);
    }
}
