package io.cadenza.indexer.query;

import java.math.BigInteger;

/**
 * A share token's dividend accumulator as indexed: everything distributed and claimed, the remainder it carries, and
 * so what holders can still claim ({@code distributed - claimed - carried}, as on chain).
 */
public record IndexedDividends(String token, BigInteger totalDistributed, BigInteger totalClaimed,
        BigInteger carriedRemainder, long distributionCount) {

    public BigInteger claimable() {
        return totalDistributed.subtract(totalClaimed).subtract(carriedRemainder);
    }
}
