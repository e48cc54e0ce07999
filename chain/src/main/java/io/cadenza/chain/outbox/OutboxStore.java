package io.cadenza.chain.outbox;

import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.cadenza.chain.database.CurrentTransaction;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox's tables: chain_tx, chain_tx_attempt and chain_account_nonce. */
public class OutboxStore {
    /**
     * Back to BROADCAST, its receipt forgotten (the chain does not hold it any more): the next receipt check finds
     * none, and the stored transaction goes out again at its nonce. Followed by {@code last_error = ?}.
     */
    private static final String REOPEN = """
            update chain_tx set status = 'BROADCAST', block_number = null, block_hash = null, gas_used = null,
                                effective_gas_price = null, mined_at = null,
                                contract_address = null, revert_reason = null, finalized_at = null, updated_at = now(),
            """;
    private final CurrentTransaction transaction;
    private final AuditLog audit;
    private final OutboxReads reads;

    public OutboxStore(CurrentTransaction transaction, OutboxReads reads, AuditLog audit) {
        this.audit = audit;
        this.transaction = transaction;
        this.reads = reads;
    }

    /** Inserts the intent unless its key exists; returns the stored intent either way. */
    public ChainTransaction insertIfAbsent(TransactionIntent intent, ChainAccount account) {
        String sql = """
                insert into chain_tx (idempotency_key, purpose, chain_id, genesis_hash, from_address, to_address, calldata,
                                      value_wei, gas_limit, requested_by, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
                on conflict (idempotency_key) do nothing""";
        // Part of the caller's transaction when there is one (a business row and its intent commit together);
        // otherwise a transaction of its own. A new intent is audited in the same transaction, with the account
        // that caused it; a key submitted again (the first intent returned) is not a new submission.
        try {
            transaction.write(connection -> {
                int inserted;
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, intent.idempotencyKey());
                    statement.setString(2, intent.purpose());
                    statement.setLong(3, account.chainId());
                    statement.setString(4, account.genesisHash());
                    statement.setString(5, account.address());
                    statement.setString(6, intent.to());
                    statement.setBytes(7, intent.calldata());
                    statement.setBigDecimal(8, new BigDecimal(intent.valueWei()));
                    setNullableLong(statement, 9, intent.gasLimit());
                    statement.setString(10, intent.requestedBy());
                    inserted = statement.executeUpdate();
                }
                if (inserted == 1) {
                    audit.append(submission(intent));
                }
                return inserted;
            });
        } catch (SQLException failure) {
            throw new OutboxStoreException("storing intent " + intent.idempotencyKey(), failure);
        }
        return findByKey(intent.idempotencyKey())
                .orElseThrow(() -> new IllegalStateException("intent " + intent.idempotencyKey() + " vanished"));
    }

    private static AuditRecord submission(TransactionIntent intent) {
        java.util.Map<String, Object> after = new java.util.LinkedHashMap<>();
        after.put("purpose", intent.purpose());
        after.put("to", intent.to());
        after.put("valueWei", intent.valueWei().toString());
        after.put("calldataBytes", intent.calldata().length);
        return new AuditRecord(intent.requestedBy() == null ? AuditRecord.PLATFORM : intent.requestedBy(),
                "chain.intent.submit", "chain-intent:" + intent.idempotencyKey(), null, after);
    }

    public Optional<ChainTransaction> findByKey(String idempotencyKey) {
        return reads.findByKey(idempotencyKey);
    }

    public Optional<ChainTransaction> findById(long id) {
        return reads.find(id);
    }

    /**
     * Every account's intents, newest first, with ids below {@code beforeId}, in {@code status} when it is given: what
     * an operator pages through.
     */
    public List<ChainTransaction> page(@Nullable TransactionStatus status, long beforeId, int limit) {
        return status == null ? reads.page(beforeId, limit) : reads.page(status.name(), beforeId, limit);
    }

    /** The account's intents in {@code status}, oldest first (by nonce once they have one), at most {@code limit}. */
    public List<ChainTransaction> withStatus(ChainAccount account, TransactionStatus status, int limit) {
        return reads.withStatus(account.chainId(), account.genesisHash(), account.address(), status.name(), limit);
    }

    /** A transaction's place on chain as its receipt gave it. */
    public record MinedAt(long chainTxId, String idempotencyKey, long nonce, long blockNumber, String blockHash) {}

    /** The account's CONFIRMED or reverted intents whose block is not final yet, lowest block first, at most {@code limit}. */
    public List<MinedAt> unfinal(ChainAccount account, int limit) {
        String sql = """
                select id, idempotency_key, nonce, block_number, block_hash from chain_tx
                where chain_id = ? and from_address = ? and genesis_hash = ? and finalized_at is null
                  and block_number is not null and status in ('CONFIRMED', 'FAILED')
                order by block_number, id limit ?""";
        return onConnection("reading unfinal intents of " + account.address(), connection -> {
            try (PreparedStatement select = prepare(connection, sql, account.chainId(), account.address(),
                    account.genesisHash(), limit); ResultSet rows = select.executeQuery()) {
                List<MinedAt> mined = new ArrayList<>();
                while (rows.next()) {
                    mined.add(new MinedAt(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                            rows.getString(5)));
                }
                return mined;
            }
        });
    }

    /** Marks the account's settled intents in blocks up to {@code finalBlock} final; answers how many. */
    public int finalizeUpTo(ChainAccount account, long finalBlock) {
        return onConnection("finalising intents of " + account.address(), connection -> {
            try (PreparedStatement update = prepare(connection, """
                    update chain_tx set finalized_at = now()
                    where chain_id = ? and from_address = ? and genesis_hash = ? and finalized_at is null
                      and block_number is not null and block_number <= ? and status in ('CONFIRMED', 'FAILED')""",
                    account.chainId(), account.address(), account.genesisHash(), finalBlock)) {
                return update.executeUpdate();
            }
        });
    }

    /** An intent not yet settled, as a stalled sender reports it. */
    public record OpenIntent(String idempotencyKey, String purpose, TransactionStatus status, Instant createdAt,
            @Nullable String lastError) {}

    /** The account's oldest intent still PENDING, SIGNED, BROADCAST or MINED, if any. */
    public Optional<OpenIntent> oldestOpen(ChainAccount account) {
        return onConnection("reading the oldest open intent of " + account.address(), connection -> {
            // Literal statuses: the open intents index's predicate, whose key gives the oldest first.
            try (PreparedStatement select = prepare(connection, """
                    select idempotency_key, purpose, status, created_at, last_error from chain_tx
                    where chain_id = ? and from_address = ? and genesis_hash = ?
                      and status in ('PENDING', 'SIGNED', 'BROADCAST', 'MINED')
                    order by id limit 1""", account.chainId(), account.address(), account.genesisHash());
                    ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.<OpenIntent>empty();
                }
                return Optional.of(new OpenIntent(row.getString(1), row.getString(2),
                        TransactionStatus.valueOf(row.getString(3)), row.getTimestamp(4).toInstant(), row.getString(5)));
            }
        });
    }

    /**
     * Settled intents (CONFIRMED, or reverted on chain) at or above {@code chainNonce}, the chain's count of mined
     * transactions, go back to BROADCAST: the chain cannot hold them, whatever their receipts said (a reorg deeper
     * than the watch removed them). Their stored transactions are then sent again. Answers their keys.
     */
    public List<String> reopenAbove(ChainAccount account, long chainNonce) {
        return onConnection("reopening intents of " + account.address() + " from nonce " + chainNonce, connection -> {
            try (PreparedStatement update = prepare(connection, REOPEN + """
                    last_error = 'not on chain: its nonce is above the chain''s count'
                    where chain_id = ? and from_address = ? and genesis_hash = ? and nonce >= ?
                      and block_number is not null and status in ('CONFIRMED', 'FAILED')
                    returning idempotency_key""", account.chainId(), account.address(), account.genesisHash(),
                    chainNonce); ResultSet rows = update.executeQuery()) {
                List<String> keys = new ArrayList<>();
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
                return keys;
            }
        });
    }

    /**
     * The highest nonce an intent of the account holds that is or may be on chain: every intent with a nonce but
     * those that failed before reaching a block (their nonce went to another signer, or to nobody).
     */
    public Optional<Long> highestHeldNonce(ChainAccount account) {
        return onConnection("reading the highest nonce of " + account.address(), connection -> {
            try (PreparedStatement select = prepare(connection, """
                    select max(nonce) from chain_tx
                    where chain_id = ? and genesis_hash = ? and from_address = ? and nonce is not null
                      and (status <> 'FAILED' or block_number is not null)""",
                    account.chainId(), account.genesisHash(), account.address());
                    ResultSet row = select.executeQuery()) {
                row.next();
                long highest = row.getLong(1);
                return row.wasNull() ? Optional.<Long>empty() : Optional.of(highest);
            }
        });
    }

    /** Sets the account's next nonce (the sender derives it each pass from the chain and the stored intents). */
    public void setNextNonce(ChainAccount account, long chainNonce) {
        String sql = """
                insert into chain_account_nonce (chain_id, genesis_hash, address, next_nonce) values (?, ?, ?, ?)
                on conflict (chain_id, genesis_hash, address) do update set next_nonce = excluded.next_nonce""";
        execute(sql, "setting the next nonce of " + account.address(), account.chainId(), account.genesisHash(),
                account.address(), chainNonce);
    }

    /** How many of the account's intents have a nonce but are not yet mined: the transactions in flight. */
    public int inFlightCount(ChainAccount account) {
        return countWithStatus(account, TransactionStatus.SIGNED, TransactionStatus.BROADCAST);
    }

    /** Open intents of every account, per status, and the oldest one's creation. */
    /**
     * The gas of receipts recorded since {@code since} (UTC days), and the {@code requestersMax} accounts that caused
     * the most of it. A transaction without its price (a node that does not report it) counts its gas at price 0.
     */
    public GasSpending gasSpending(Instant since, int requestersMax) {
        return onConnection("summing gas spent", connection -> {
            java.util.List<GasSpending.Day> days = new java.util.ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select (mined_at at time zone 'UTC')::date, count(*), sum(gas_used),
                           sum(gas_used * coalesce(effective_gas_price, 0))
                    from chain_tx where mined_at >= ? and gas_used is not null group by 1 order by 1""")) {
                select.setTimestamp(1, java.sql.Timestamp.from(since));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        days.add(new GasSpending.Day(rows.getObject(1, java.time.LocalDate.class), rows.getLong(2),
                                rows.getLong(3), rows.getBigDecimal(4).toBigIntegerExact()));
                    }
                }
            }
            java.util.List<GasSpending.Requester> requesters = new java.util.ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select requested_by, count(*), sum(gas_used), sum(gas_used * coalesce(effective_gas_price, 0))
                    from chain_tx where mined_at >= ? and gas_used is not null group by 1
                    order by 4 desc, 3 desc, 1 nulls last limit ?""")) {
                select.setTimestamp(1, java.sql.Timestamp.from(since));
                select.setInt(2, requestersMax);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        requesters.add(new GasSpending.Requester(rows.getString(1), rows.getLong(2), rows.getLong(3),
                                rows.getBigDecimal(4).toBigIntegerExact()));
                    }
                }
            }
            return new GasSpending(days, requesters);
        });
    }

    public OutboxDepth depth() {
        // Literal statuses, as in countWithStatus: the open intents index's predicate.
        String sql = "select status, count(*), min(created_at) from chain_tx"
                + " where status in ('PENDING', 'SIGNED', 'BROADCAST', 'MINED') group by status";
        return onConnection("counting open intents", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
                Map<TransactionStatus, Long> open = new EnumMap<>(TransactionStatus.class);
                Instant oldest = null;
                while (rows.next()) {
                    open.put(TransactionStatus.valueOf(rows.getString(1)), rows.getLong(2));
                    Instant since = rows.getTimestamp(3).toInstant();
                    oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
                }
                return new OutboxDepth(open, oldest);
            }
        });
    }

    private int countWithStatus(ChainAccount account, TransactionStatus... statuses) {
        // Literal statuses (our own enum constants), not a parameter: the planner must see that they imply the open
        // intents index's predicate to use that index.
        String literals = java.util.Arrays.stream(statuses).map(status -> "'" + status.name() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        String sql = "select count(*) from chain_tx where chain_id = ? and genesis_hash = ? and from_address = ? "
                + "and status in (" + literals + ")";
        return onConnection("counting intents of " + account.address(), connection -> {
            try (PreparedStatement statement = prepare(connection, sql, account.chainId(), account.genesisHash(),
                    account.address());
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    public Optional<Long> nextNonce(ChainAccount account) {
        String sql = "select next_nonce from chain_account_nonce where chain_id = ? and genesis_hash = ? and address = ?";
        return onConnection("reading the next nonce of " + account.address(), connection -> {
            try (PreparedStatement statement = prepare(connection, sql, account.chainId(), account.genesisHash(),
                        account.address());
                ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.<Long>empty();
            }
        });
    }

    /**
     * In one database transaction: stores the signed attempts, moves their intents to SIGNED with their nonces, and
     * advances the account's next nonce from {@code expectedNextNonce}. Fails, storing nothing, if another sender
     * moved the nonce meanwhile.
     */
    public void storeSigned(ChainAccount account, long expectedNextNonce, List<SignedAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        long newNextNonce = expectedNextNonce + attempts.size();
        inTransaction("storing " + attempts.size() + " signed transactions", connection -> {
            try (PreparedStatement advance = prepare(connection, """
                    update chain_account_nonce set next_nonce = ?
                    where chain_id = ? and genesis_hash = ? and address = ? and next_nonce = ?""",
                    newNextNonce, account.chainId(), account.genesisHash(), account.address(), expectedNextNonce)) {
                if (advance.executeUpdate() != 1) {
                    throw new IllegalStateException("the next nonce of " + account.address() + " is no longer "
                            + expectedNextNonce + ": another sender is running for this account");
                }
            }
            insertAttempts(connection, attempts);
            try (PreparedStatement signed = connection.prepareStatement("""
                    update chain_tx set status = 'SIGNED', nonce = ?, tx_hash = ?, attempts = attempts + 1,
                                        last_error = null, updated_at = now()
                    where id = ? and status = 'PENDING'""")) {
                for (SignedAttempt attempt : attempts) {
                    signed.setLong(1, attempt.nonce());
                    signed.setString(2, attempt.txHash());
                    signed.setLong(3, attempt.chainTxId());
                    signed.addBatch();
                }
                for (int updated : signed.executeBatch()) {
                    if (updated != 1) {
                        throw new IllegalStateException("an intent left PENDING while it was being signed");
                    }
                }
            }
        });
    }

    /** Stores a replacement (same nonce, higher fees) of a broadcast intent; it becomes the intent's current hash. */
    public void storeReplacement(SignedAttempt replacement) {
        inTransaction("storing a replacement of intent " + replacement.chainTxId(), connection -> {
            insertAttempts(connection, List.of(replacement));
            try (PreparedStatement update = prepare(connection, """
                    update chain_tx set tx_hash = ?, attempts = attempts + 1, status = 'SIGNED', updated_at = now()
                    where id = ? and status = 'BROADCAST'""", replacement.txHash(), replacement.chainTxId())) {
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("intent " + replacement.chainTxId() + " is no longer BROADCAST");
                }
            }
        });
    }

    /** Every attempt of the given intents, in signing order. */
    public List<SignedAttempt> attemptsOf(Collection<Long> chainTxIds) {
        if (chainTxIds.isEmpty()) {
            return List.of();
        }
        String sql = """
                select tx_hash, chain_tx_id, nonce, gas_limit, max_fee_per_gas, max_priority_fee_per_gas, raw_transaction,
                       broadcast_at
                from chain_tx_attempt where chain_tx_id = any (?) order by chain_tx_id, signed_at, tx_hash""";
        return onConnection("reading attempts", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("bigint", chainTxIds.toArray()));
                List<SignedAttempt> attempts = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        attempts.add(new SignedAttempt(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                                rows.getBigDecimal(5).toBigIntegerExact(), rows.getBigDecimal(6).toBigIntegerExact(),
                                rows.getBytes(7),
                                rows.getTimestamp(8) == null ? null : rows.getTimestamp(8).toInstant()));
                    }
                }
                return attempts;
            }
        });
    }

    /**
     * SIGNED → BROADCAST for the intents whose current attempt the node has accepted at {@code broadcastAt}. The
     * sender's clock, not the database's, dates broadcasts: stuck detection compares against the same clock.
     */
    public void markBroadcast(Collection<SignedAttempt> accepted, Instant broadcastAt) {
        if (accepted.isEmpty()) {
            return;
        }
        inTransaction("marking " + accepted.size() + " transactions broadcast", connection -> {
            try (PreparedStatement intent = connection.prepareStatement(
                            "update chain_tx set status = 'BROADCAST', updated_at = now() where id = ? and status = 'SIGNED'");
                    PreparedStatement attempt = connection.prepareStatement(
                            "update chain_tx_attempt set broadcast_at = coalesce(broadcast_at, ?) where chain_tx_id = ? and tx_hash = ?")) {
                java.sql.Timestamp at = java.sql.Timestamp.from(broadcastAt);
                for (SignedAttempt signed : accepted) {
                    intent.setLong(1, signed.chainTxId());
                    intent.addBatch();
                    attempt.setTimestamp(1, at);
                    attempt.setLong(2, signed.chainTxId());
                    attempt.setString(3, signed.txHash());
                    attempt.addBatch();
                }
                intent.executeBatch();
                attempt.executeBatch();
            }
        });
    }

    /**
     * Records successful receipts, in one statement batch: MINED, or straight to CONFIRMED when the receipt already
     * is deep enough (with one confirmation, the receipt itself is).
     */
    public void markMined(Map<Long, MinedReceipt> receiptsById, TransactionStatus status) {
        if (status != TransactionStatus.MINED && status != TransactionStatus.CONFIRMED) {
            throw new IllegalArgumentException("a receipt makes an intent MINED or CONFIRMED, not " + status);
        }
        if (receiptsById.isEmpty()) {
            return;
        }
        String sql = """
                update chain_tx set status = ?, tx_hash = ?, block_number = ?, block_hash = ?, gas_used = ?,
                                    contract_address = ?, effective_gas_price = ?, mined_at = now(),
                                    last_error = null, updated_at = now()
                where id = ? and status in ('SIGNED', 'BROADCAST')""";
        onConnection("recording " + receiptsById.size() + " receipts", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (Map.Entry<Long, MinedReceipt> entry : receiptsById.entrySet()) {
                    MinedReceipt receipt = entry.getValue();
                    update.setString(1, status.name());
                    update.setString(2, receipt.txHash());
                    update.setLong(3, receipt.blockNumber());
                    update.setString(4, receipt.blockHash());
                    update.setLong(5, receipt.gasUsed());
                    update.setString(6, receipt.contractAddress());
                    update.setBigDecimal(7, receipt.effectiveGasPrice() == null ? null
                            : new BigDecimal(receipt.effectiveGasPrice()));
                    update.setLong(8, entry.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    public void markConfirmed(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        onConnection("confirming " + ids.size() + " intents", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                        "update chain_tx set status = 'CONFIRMED', updated_at = now() where id = any (?) and status = 'MINED'")) {
                update.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * MINED, CONFIRMED or reverted, not final → BROADCAST: the block that held it is no longer canonical; its stored
     * transaction is sent again.
     */
    public boolean markReorged(long id) {
        return onConnection("returning intent " + id + " to BROADCAST", connection -> {
            try (PreparedStatement update = prepare(connection, REOPEN + """
                    last_error = 'dropped by a reorg'
                    where id = ? and block_number is not null and finalized_at is null
                      and status in ('MINED', 'CONFIRMED', 'FAILED')""", id)) {
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Fails an intent for good, with what went wrong and, for a revert, the decoded reason. */
    public void markFailed(long id, String error, String revertReason, MinedReceipt receipt) {
        execute("""
                update chain_tx set status = 'FAILED', last_error = ?, revert_reason = ?, tx_hash = coalesce(?, tx_hash),
                                    block_number = ?, block_hash = ?, gas_used = ?, effective_gas_price = ?,
                                    mined_at = case when ? then now() else mined_at end, updated_at = now()
                where id = ? and status not in ('CONFIRMED', 'FAILED')""",
                "failing intent " + id, error, revertReason, receipt == null ? null : receipt.txHash(),
                receipt == null ? null : receipt.blockNumber(), receipt == null ? null : receipt.blockHash(),
                receipt == null ? null : receipt.gasUsed(),
                receipt == null || receipt.effectiveGasPrice() == null ? null
                        : new BigDecimal(receipt.effectiveGasPrice()), receipt != null, id);
    }

    /** Notes that the intent's simulation reverted while earlier intents were unmined; see the column's comment. */
    public void deferSimulation(long id, long untilNonce, String reason) {
        execute("""
                update chain_tx set simulation_deferred_until_nonce = ?, last_error = ?, updated_at = now()
                where id = ? and status = 'PENDING' and simulation_deferred_until_nonce is null""",
                "deferring intent " + id, untilNonce, "simulation reverted (" + reason + ") while earlier intents "
                        + "were unmined; judged again once the account reaches nonce " + untilNonce, id);
    }

    /** Records a transient error (the intent stays where it is and is retried). */
    public void recordError(long id, String error) {
        execute("update chain_tx set last_error = ?, updated_at = now() where id = ?", "recording an error of intent " + id,
                error, id);
    }

    /**
     * Runs {@code work} in the caller's transaction, or in one of its own: all of it is stored, or none. An intent
     * submitted inside a business transaction commits, or rolls back, with the business rows.
     */
    private void inTransaction(String what, TransactionalWork work) {
        onConnection(what, connection -> {
            work.run(connection);
            return null;
        });
    }

    private <T> T onConnection(String what, CurrentTransaction.SqlWork<T> work) {
        try {
            return transaction.write(work);
        } catch (SQLException failure) {
            throw new OutboxStoreException(what, failure);
        }
    }

    @FunctionalInterface
    private interface TransactionalWork {
        void run(Connection connection) throws SQLException;
    }

    private void insertAttempts(Connection connection, List<SignedAttempt> attempts) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into chain_tx_attempt (tx_hash, chain_tx_id, nonce, gas_limit, max_fee_per_gas,
                                              max_priority_fee_per_gas, raw_transaction)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            for (SignedAttempt attempt : attempts) {
                insert.setString(1, attempt.txHash());
                insert.setLong(2, attempt.chainTxId());
                insert.setLong(3, attempt.nonce());
                insert.setLong(4, attempt.gasLimit());
                insert.setBigDecimal(5, new BigDecimal(attempt.maxFeePerGas()));
                insert.setBigDecimal(6, new BigDecimal(attempt.maxPriorityFeePerGas()));
                insert.setBytes(7, attempt.rawTransaction());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void execute(String sql, String what, Object... parameters) {
        onConnection(what, connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.executeUpdate();
            }
            return null;
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
        return statement;
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }


}
