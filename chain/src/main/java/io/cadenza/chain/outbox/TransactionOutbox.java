package io.cadenza.chain.outbox;

import io.cadenza.chain.connection.ChainConnection;
import java.util.Optional;

/** Where the application hands chain writes: each is stored as an intent and sent by the account's sender. */
public final class TransactionOutbox {
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
}
