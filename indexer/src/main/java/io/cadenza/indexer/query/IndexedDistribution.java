package io.cadenza.indexer.query;

import java.math.BigInteger;

/**
 * A {@code Distributed} event as indexed, with the carried remainder before it (that of the token's previous
 * distribution, zero for its first): what the event credited to holders is {@code amount + carriedBefore -
 * carriedRemainder}, and the rest stays carried.
 */
public record IndexedDistribution(String token, BigInteger distributionId, BigInteger amount,
        BigInteger unitsPerShareAdded, BigInteger carriedRemainder, BigInteger carriedBefore, long blockNumber,
        String blockHash, String transactionHash) {

    public BigInteger creditedToHolders() {
        return amount.add(carriedBefore).subtract(carriedRemainder);
    }
}
