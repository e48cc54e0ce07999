package io.cadenza.chain.outbox;

import io.cadenza.chain.connection.ChainConnection;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the application hands chain writes: each is stored as an intent and sent by the account's sender. */
public final class TransactionOutbox {
    public static final int PAGE_SIZE_MAX = 500;

    private final OutboxStore store;
    private final ChainAccount account;

    public TransactionOutbox(OutboxStore store, ChainConnection connection) {
        this.store = store;
        this.account = new ChainAccount(connection.chainId(), connection.genesisHash(), connection.operator().getAddress());
    }

    /**
     * Stores the intent, or returns the one already stored under its key.
     *
     * @throws IdempotencyConflictException when the key was used for a different request
     */
    public ChainTransaction submit(TransactionIntent intent) {
        ChainTransaction stored = store.insertIfAbsent(intent, account);
        if (!intent.sameRequestAs(stored)) {
            throw new IdempotencyConflictException(intent.idempotencyKey());
        }
        return stored;
    }

    public Optional<ChainTransaction> find(String idempotencyKey) {
        return store.findByKey(idempotencyKey);
    }

    /** Intents newest first, below {@code beforeId}, in {@code status} when given: for operators to inspect. */
    public List<ChainTransaction> page(@Nullable TransactionStatus status, long beforeId, int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("page size must be within 1.." + PAGE_SIZE_MAX);
        }
        return store.page(status, beforeId, limit);
    }

    /** What the operator's gas paid for since {@code since}: per day and per account that caused it. */
    public GasSpending gasSpending(Instant since, int requestersMax) {
        return store.gasSpending(since, requestersMax);
    }

    /** What is not settled yet, for metrics. */
    public OutboxDepth depth() {
        return store.depth();
    }
}
