package io.cadenza.indexer.reorg;

/**
 * No stored header matches the node's chain: the reorg is deeper than the finality depth, or the node serves another
 * chain. Rolling back further would touch data declared final (money may have moved on it): an operator decides.
 */
public final class ReorgTooDeepException extends IllegalStateException {
    public ReorgTooDeepException(long chainId, long lowestStoredBlock, long checkpoint) {
        super("chain " + chainId + ": no block from " + lowestStoredBlock + " to the checkpoint " + checkpoint
                + " is on the node's chain any more; the reorg is deeper than the finality depth: recover with the reindex"
                + " command (README, operations)");
    }
}
