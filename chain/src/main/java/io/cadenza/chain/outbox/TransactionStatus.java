package io.cadenza.chain.outbox;

/**
 * Where an intent is. PENDING → SIGNED (nonce assigned, raw transaction stored) → BROADCAST → MINED → CONFIRMED, or
 * FAILED (reverted, or refused as certain to revert). A reorg can send MINED back to BROADCAST.
 */
public enum TransactionStatus {
    PENDING,
    SIGNED,
    BROADCAST,
    MINED,
    CONFIRMED,
    FAILED;

    public boolean isFinal() {
        return this == CONFIRMED || this == FAILED;
    }
}
