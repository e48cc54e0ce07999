package io.cadenza.indexer.query;

import java.math.BigInteger;

/** A master as registered on chain. Addresses are lower-case. */
public record IndexedMaster(BigInteger tokenId, String artist, String owner, String isrcHash, String metadataCid,
        long blockNumber, String transactionHash) {}
