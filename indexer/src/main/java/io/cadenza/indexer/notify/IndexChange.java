package io.cadenza.indexer.notify;

import io.cadenza.indexer.store.ProjectedChanges;

/**
 * What one commit changed on one chain.
 *
 * @param kind {@code INDEXED}: blocks {@code fromBlock..toBlock} were added; {@code ROLLED_BACK}: everything above
 *     {@code toBlock} was removed by a reorg (then {@code fromBlock} is the old checkpoint)
 * @param blockHash the hash of {@code toBlock}, the new checkpoint
 */
public record IndexChange(long chainId, Kind kind, long fromBlock, long toBlock, String blockHash, int logCount,
        ProjectedChanges changes) {

    public enum Kind {
        INDEXED,
        ROLLED_BACK
    }
}
