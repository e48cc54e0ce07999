package io.cadenza.chain.deployment;

/** The contracts of the suite that the platform deploys once per chain, in deployment order. */
public enum SuiteContract {
    /** The payout and payment token: a TestStablecoin on local chains, else a configured token such as USDC. */
    STABLECOIN,
    MASTER_REGISTRY,
    ROYALTY_SHARES_IMPLEMENTATION,
    SHARE_SALE_IMPLEMENTATION,
    OFFERING_FACTORY
}
