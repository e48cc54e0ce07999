package io.cadenza.chain.outbox;

import java.math.BigInteger;

/** EIP-1559 fees of one signed transaction. */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    public Fees {
        if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new IllegalArgumentException("the tip cannot exceed the max fee");
        }
    }
}
