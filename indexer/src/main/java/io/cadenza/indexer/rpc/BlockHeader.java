package io.cadenza.indexer.rpc;

import java.util.Objects;

/** The part of a block header that reorg detection needs. */
public record BlockHeader(long number, String hash, String parentHash, long timestampSeconds) {
    public BlockHeader {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
    }

    /** Whether {@code next} builds on this block. */
    public boolean isParentOf(BlockHeader next) {
        return next.number == number + 1 && next.parentHash.equals(hash);
    }
}
