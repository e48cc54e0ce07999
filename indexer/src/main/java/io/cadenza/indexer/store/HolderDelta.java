package io.cadenza.indexer.store;

import java.math.BigInteger;

/** How a batch changes one holder of one token, summed over its events. */
record HolderDelta(BigInteger balance, BigInteger correction, long firstBlock) {
    static HolderDelta startingAt(long block) {
        return new HolderDelta(BigInteger.ZERO, BigInteger.ZERO, block);
    }

    HolderDelta plus(BigInteger balanceChange, BigInteger correctionChange) {
        return new HolderDelta(balance.add(balanceChange), correction.add(correctionChange), firstBlock);
    }
}
