package io.cadenza.indexer.query;

import java.math.BigInteger;

/** A {@code Claimed} event as indexed: who was paid how much of a share token's dividends, and where it was seen. */
public record IndexedClaim(String token, String holder, BigInteger amount, long blockNumber, int logIndex,
        String transactionHash) {}
