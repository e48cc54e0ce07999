package io.cadenza.chain.outbox;

import io.cadenza.chain.connection.ChainConnection;
import java.util.Locale;
import java.util.Optional;

/** Where the application hands chain writes: each is stored as an intent and sent by the account's sender. */
public final class TransactionOutbox {
    private final OutboxStore store;
    private final long chainId;
    private final String from;

    public TransactionOutbox(OutboxStore store, ChainConnection connection) {
        this.store = store;
        this.chainId = connection.chainId();
        this.from = connection.operator().getAddress().toLowerCase(Locale.ROOT);
    }

    /**
     * Stores the intent, or returns the one already stored under its key.
     *
     * @throws IdempotencyConflictException when the key was used for a different request
     */
    public ChainTransaction submit(TransactionIntent intent) {
        ChainTransaction stored = store.insertIfAbsent(intent, chainId, from);
        if (!intent.sameRequestAs(stored)) {
            throw new IdempotencyConflictException(intent.idempotencyKey());
        }
        return stored;
    }

    public Optional<ChainTransaction> find(String idempotencyKey) {
        return store.findByKey(idempotencyKey);
    }
}
