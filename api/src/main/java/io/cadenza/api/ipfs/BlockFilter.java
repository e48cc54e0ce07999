package io.cadenza.api.ipfs;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;

/**
 * The CIDs a block sweep must keep: "certainly not reachable" or "maybe reachable", in about 10 bits per block (1%
 * false positives, which only keep an unreachable block one more sweep) whatever the store's size. Guava's filter.
 */
public final class BlockFilter {
    private static final double FALSE_POSITIVES = 0.01;
    /** The smallest filter made: a store that holds a handful of blocks still gets a low false positive rate. */
    private static final long EXPECTED_BLOCKS_MIN = 1_000;

    private final BloomFilter<byte[]> filter;

    /** A filter for about {@code expectedBlocks} blocks; more only raises the false positive rate. */
    public BlockFilter(long expectedBlocks) {
        this.filter = BloomFilter.create(Funnels.byteArrayFunnel(), Math.max(EXPECTED_BLOCKS_MIN, expectedBlocks),
                FALSE_POSITIVES);
    }

    public void add(Cid cid) {
        filter.put(cid.bytes());
    }

    public boolean mightContain(Cid cid) {
        return filter.mightContain(cid.bytes());
    }
}
