package io.cadenza.indexer.store;

/**
 * Where indexing of a chain stands: every log of blocks {@code startBlock..indexedBlock} is committed, and
 * {@code indexedHash} is the hash of block {@code indexedBlock} as indexed. {@code recoveryCount} counts the
 * recoveries an operator ran: an indexer whose count changed under it reloads what it keeps in memory.
 */
public record Checkpoint(long chainId, String genesisHash, long startBlock, long indexedBlock, String indexedHash,
        long reorgCount, long recoveryCount) {}
