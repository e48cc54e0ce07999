package io.cadenza.indexer.rpc;

import java.util.Objects;

/** The part of a block header that reorg detection needs. */
public record BlockHeader(long number, String hash, String parentHash, long timestampSeconds) {
    private static final String ZERO_HASH = "0x" + "0".repeat(64);

    public BlockHeader {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
    }

    /** Whether {@code next} builds on this block. */
    public boolean isParentOf(BlockHeader next) {
        return next.number == number + 1 && next.parentHash.equals(hash);
    }

    /**
     * Whether the node does not say which block this one builds on: Hardhat's {@code hardhat_mine} reports a zero
     * parent hash for the blocks it skips over (every one but the first few and the last of a large batch).
     */
    public boolean parentUnknown() {
        return number > 0 && parentHash.equals(ZERO_HASH);
    }
}
