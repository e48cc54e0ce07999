package io.cadenza.indexer.consistency;

/**
 * One value the projections and the chain disagree on.
 *
 * @param holder the holder, or null for a token-wide value
 * @param quantity what was compared: {@code balance}, {@code claimable} or {@code totalSupply}
 */
public record Discrepancy(String token, String holder, String quantity, String projected, String onChain) {}
