package io.cadenza.jobs.ledger;

/**
 * What a ledger account stands for. Per master: royalty income as statements report it (in their currency), and the
 * artist's share of it. Per offering, in payout-token units: the holders' pool awaiting distribution; what was sent
 * on chain and is not final yet (distributed, pending); once final, what the contract credited to holders and they
 * have not claimed (unclaimed) and what it carries to its next distribution (carried remainder) — together, the
 * confirmed distributions it holds; what each holder claimed; fees. The platform's treasury (what it received in each
 * currency, and owes or holds in each payout token), and what it owes holders paid in fiat (custodial holders'
 * claimed dividends, paid out through Stripe), and per custodial investor, the claimed tokens the treasury took
 * from their custody address in exchange (custody converted, a running credit).
 */
public enum AccountKind {
    ROYALTY_INCOME,
    HOLDER_POOL,
    ARTIST_SHARE,
    DISTRIBUTED_PENDING,
    CARRIED_REMAINDER,
    CLAIMED,
    UNCLAIMED,
    FEES,
    TREASURY,
    FIAT_PAYABLE,
    CUSTODY_CONVERTED
}
