package io.cadenza.indexer.store;

/**
 * Where indexing of a chain stands: every log of blocks {@code startBlock..indexedBlock} is committed, and
 * {@code indexedHash} is the hash of block {@code indexedBlock} as indexed.
 */
public record Checkpoint(long chainId, String genesisHash, long startBlock, long indexedBlock, String indexedHash,
        long reorgCount) {}
