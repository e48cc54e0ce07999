package io.cadenza.api.admin;

import io.cadenza.chain.outbox.ChainTransaction;
import io.cadenza.chain.outbox.TransactionStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An outbox intent as operators see it: what it does, how far it came, and why it failed if it did. */
@Serdeable
public record OutboxEntryView(long id, String idempotencyKey, String purpose, @Nullable String to,
        TransactionStatus status, @Nullable Long nonce, int attempts, @Nullable String transactionHash,
        @Nullable Long blockNumber, @Nullable String lastError, @Nullable String revertReason) {

    static OutboxEntryView of(ChainTransaction transaction) {
        return new OutboxEntryView(transaction.id(), transaction.idempotencyKey(), transaction.purpose(),
                transaction.to(), transaction.status(), transaction.nonce(), transaction.attempts(),
                transaction.txHash(), transaction.blockNumber(), transaction.lastError(), transaction.revertReason());
    }
}
