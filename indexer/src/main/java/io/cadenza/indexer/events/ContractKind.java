package io.cadenza.indexer.events;

/** What a watched contract is, which decides how its logs read (an ERC-721 and an ERC-20 Transfer share topic 0). */
public enum ContractKind {
    MASTER_REGISTRY,
    OFFERING_FACTORY,
    SHARES,
    SALE
}
