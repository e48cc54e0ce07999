package io.cadenza.indexer.query;

import java.math.BigInteger;

/**
 * What one wallet holds of one offering: its shares and the dividends it can claim now, in the payout token's units.
 * A wallet that sold every share keeps what it earned while it held them.
 */
public record Holding(String sharesAddress, String saleAddress, BigInteger masterId, String holder, BigInteger shares,
        BigInteger totalShares, BigInteger claimable, String payoutToken) {}
