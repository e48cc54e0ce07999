package io.cadenza.indexer.recovery;

import io.cadenza.indexer.rpc.BlockHeader;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.rpc.RpcException;
import io.cadenza.indexer.store.Checkpoint;
import io.cadenza.indexer.store.IndexStore;
import io.cadenza.indexer.store.IndexStore.StoredBlock;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds where the index left the node's chain, however deep: the lowest block the index holds a hash of that the
 * node does not have. Block hashes chain, so once the node disagrees about one stored block it disagrees about every
 * one above it: a bisection over the indexed range finds the first, in about log2(range) reads of each side.
 */
final class ForkSearch {
    private final IndexStore store;
    private final RpcClient rpc;

    ForkSearch(IndexStore store, RpcClient rpc) {
        this.store = store;
        this.rpc = rpc;
    }

    /** The first stored block the node's chain does not have; empty when the whole index is on it. */
    OptionalLong firstOrphanedBlock(Checkpoint checkpoint) throws SQLException, RpcException {
        long low = checkpoint.startBlock() - 1;
        long high = checkpoint.indexedBlock();
        if (!orphanedAtOrBelow(high)) {
            return OptionalLong.empty();
        }
        // Invariant: orphanedAtOrBelow(high); the answer is the lowest such block.
        while (low < high) {
            long middle = low + (high - low) / 2;
            if (orphanedAtOrBelow(middle)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return OptionalLong.of(high);
    }

    /** Whether the highest stored block at or below {@code number} is one the node's chain does not have. */
    private boolean orphanedAtOrBelow(long number) throws SQLException, RpcException {
        Optional<StoredBlock> stored = store.storedBlockAtOrBelow(number);
        if (stored.isEmpty()) {
            return false;
        }
        BlockHeader canonical = rpc.headers(List.of(stored.get().number())).get(stored.get().number());
        return canonical == null || !canonical.hash().equalsIgnoreCase(stored.get().hash());
    }
}
