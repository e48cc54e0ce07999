package io.cadenza.indexer.store;

import io.cadenza.indexer.events.ContractKind;

/** A contract whose logs are indexed, from the block where it was deployed or discovered. */
public record WatchedContract(String address, ContractKind kind, long discoveredBlock) {}
