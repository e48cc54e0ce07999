package io.cadenza.indexer.query;

import io.micronaut.core.annotation.Nullable;
import java.math.BigInteger;

/**
 * An offering as created on chain: its share token and sale, the terms, and whether the sale has been finalised.
 * Addresses are lower-case.
 *
 * @param unsoldShares shares returned to the treasury when the sale was finalised, or null while it is not
 */
public record IndexedOffering(String sharesAddress, String saleAddress, BigInteger masterId, String treasury,
        String payoutToken, String paymentToken, BigInteger totalShares, BigInteger pricePerShare,
        long startsAtSeconds, long endsAtSeconds, boolean transfersRestricted, @Nullable BigInteger unsoldShares,
        @Nullable Long finalizedBlock, long blockNumber, String transactionHash) {

    public boolean finalized() {
        return finalizedBlock != null;
    }
}
