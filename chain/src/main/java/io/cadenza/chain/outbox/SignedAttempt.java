package io.cadenza.chain.outbox;

import io.micronaut.core.annotation.Nullable;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One signed transaction of an intent, stored before it is broadcast. Replacements are further attempts.
 *
 * @param broadcastAt when the node first accepted it, by the sender's clock; null until then
 */
public record SignedAttempt(String txHash, long chainTxId, long nonce, long gasLimit, BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas, byte[] rawTransaction, @Nullable Instant broadcastAt) {

    @Override
    public byte[] rawTransaction() {
        return rawTransaction.clone();
    }
}
