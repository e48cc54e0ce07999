package io.cadenza.chain.outbox;

import java.math.BigInteger;

/** One signed transaction of an intent, stored before it is broadcast. Replacements are further attempts. */
public record SignedAttempt(String txHash, long chainTxId, long nonce, long gasLimit, BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas, byte[] rawTransaction) {

    @Override
    public byte[] rawTransaction() {
        return rawTransaction.clone();
    }
}
