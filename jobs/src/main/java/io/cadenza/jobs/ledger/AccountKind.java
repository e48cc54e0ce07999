package io.cadenza.jobs.ledger;

/**
 * What a ledger account stands for. Per master and offering: royalty income as statements report it, the holders'
 * pool and the artist's share it is split into, what was distributed on chain (pending until final, then
 * confirmed), what holders claimed and have yet to claim, fees; and the platform's payout-token treasury.
 */
public enum AccountKind {
    ROYALTY_INCOME,
    HOLDER_POOL,
    ARTIST_SHARE,
    DISTRIBUTED_PENDING,
    DISTRIBUTED_CONFIRMED,
    CLAIMED,
    UNCLAIMED,
    FEES,
    TREASURY
}
