package io.cadenza.indexer.store;

import java.math.BigInteger;

/** A share token's dividend state, as RoyaltyShares keeps it; one per token, replaced as events apply. */
record TokenAccumulator(BigInteger unitsPerShare, BigInteger carriedRemainder, BigInteger totalDistributed,
        BigInteger totalClaimed, long distributionCount) {

    static final TokenAccumulator EMPTY =
            new TokenAccumulator(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0);

    TokenAccumulator distributed(BigInteger amount, BigInteger unitsPerShareAdded, BigInteger carried) {
        return new TokenAccumulator(unitsPerShare.add(unitsPerShareAdded), carried, totalDistributed.add(amount),
                totalClaimed, distributionCount + 1);
    }

    TokenAccumulator claimed(BigInteger amount) {
        return new TokenAccumulator(unitsPerShare, carriedRemainder, totalDistributed, totalClaimed.add(amount),
                distributionCount);
    }
}
