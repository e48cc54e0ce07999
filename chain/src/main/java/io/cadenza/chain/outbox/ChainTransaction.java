package io.cadenza.chain.outbox;

import io.micronaut.core.annotation.Nullable;
import java.math.BigInteger;

/** An intent as the outbox holds it: the request, and how far it has come. */
public record ChainTransaction(
        long id,
        String idempotencyKey,
        String purpose,
        long chainId,
        String from,
        @Nullable String to,
        byte[] calldata,
        BigInteger valueWei,
        @Nullable Long gasLimit,
        @Nullable Long simulationDeferredUntilNonce,
        TransactionStatus status,
        @Nullable Long nonce,
        int attempts,
        @Nullable String txHash,
        @Nullable Long blockNumber,
        @Nullable String blockHash,
        @Nullable String contractAddress,
        @Nullable Long gasUsed,
        @Nullable String lastError,
        @Nullable String revertReason) {

    @Override
    public byte[] calldata() {
        return calldata.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChainTransaction transaction && id == transaction.id
                && status == transaction.status && attempts == transaction.attempts;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
