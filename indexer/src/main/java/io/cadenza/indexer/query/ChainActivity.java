package io.cadenza.indexer.query;

import io.micronaut.core.annotation.Nullable;
import java.math.BigInteger;

/**
 * Something that happened to an offering on chain, that a person would want to hear about: a purchase, a card
 * purchase settled (issue), a distribution, a claim. Addresses are lower-case.
 *
 * @param contract the sale (purchases, issues) or the share token (distributions, claims)
 * @param wallet the buyer, recipient or claimer; null for a distribution, which concerns every holder
 * @param quantity shares bought or issued, or payout units distributed or claimed
 * @param reference the cost of a purchase, the payment reference of an issue, the distribution id; null for a claim
 */
public record ChainActivity(Kind kind, long blockNumber, String blockHash, int logIndex, String transactionHash,
        String contract, @Nullable String wallet, BigInteger quantity, @Nullable String reference) {

    public enum Kind {
        PURCHASE,
        ISSUE,
        DISTRIBUTION,
        CLAIM
    }

    /** Names this activity on the canonical chain: a reorg that replaces it gives the replacement another key. */
    public String key() {
        return blockHash + ":" + logIndex;
    }
}
