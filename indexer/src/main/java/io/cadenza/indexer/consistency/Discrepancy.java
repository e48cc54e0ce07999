package io.cadenza.indexer.consistency;

/**
 * One value the projections and the chain disagree on.
 *
 * @param holder the holder, or null for a token-wide value
 * @param quantity what was compared: {@code balance}, {@code claimable}, {@code totalSupply}, {@code totalDistributed},
 *        {@code carriedRemainder}, {@code dividendsAccounted(index|chain)}, or {@code holderRow} (the holder rows
 *        against the parties of the raw Transfer logs)
 */
public record Discrepancy(String token, String holder, String quantity, String projected, String onChain) {}
