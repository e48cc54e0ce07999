package io.cadenza.jobs.ledger;

/**
 * What a ledger account stands for. Per master and offering: royalty income as statements report it, the holders'
 * pool and the artist's share it is split into, what was distributed on chain (pending until final, then
 * confirmed), what holders claimed and have yet to claim, fees; the platform's payout-token treasury; and what the
 * platform owes holders paid in fiat (custodial holders' claimed dividends, paid out through Stripe).
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
    TREASURY,
    FIAT_PAYABLE
}
