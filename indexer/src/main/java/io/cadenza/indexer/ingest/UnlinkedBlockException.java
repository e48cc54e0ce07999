package io.cadenza.indexer.ingest;

/**
 * A block whose header names no parent (a zero parent hash) on a chain that is not followed as a local dev node. Such
 * a block cannot be checked against the indexed chain, so a reorg through it would go unseen: an operator decides
 * (a dev node is configured with {@code cadenza.indexer.local-chain: true}).
 */
public final class UnlinkedBlockException extends IllegalStateException {
    public UnlinkedBlockException(long chainId, long block) {
        super("chain " + chainId + ": block " + block + " reports a zero parent hash, so it cannot be linked to the"
                + " indexed chain; only a local dev node (hardhat_mine) does that, and this chain is not configured as"
                + " one (cadenza.indexer.local-chain)");
    }
}
