package io.cadenza.indexer.recovery;

import io.cadenza.indexer.rpc.BlockHeader;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.rpc.RpcException;
import io.cadenza.indexer.store.Checkpoint;
import io.cadenza.indexer.store.IndexStore;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The operator's way back from a halt the indexer cannot get past itself (a reorg deeper than the finality depth),
 * or from an index to rebuild: the index forgets everything from a block up, in one transaction, and is indexed
 * again from there by whichever indexer runs next. Consumers of the index see the recovery counted in
 * {@code idx_chain} and repair what they derived from the removed blocks.
 */
public final class IndexRecovery {
    private final IndexStore store;
    private final RpcClient rpc;
    private final ForkSearch forks;

    public IndexRecovery(IndexStore store, RpcClient rpc) {
        this.store = store;
        this.rpc = rpc;
        this.forks = new ForkSearch(store, rpc);
    }

    /** Where re-indexing starts. */
    public sealed interface Start {
        /** At the first block the index holds that the node's chain does not have. */
        record AtFork() implements Start {}

        /** At {@code block}, which must not be above the fork. */
        record FromBlock(long block) implements Start {}

        /** At the suite's first block: the whole index is rebuilt. */
        record FromScratch() implements Start {}
    }

    /**
     * What a recovery did: the index now ends at {@code rewoundTo}, and is complete again once it reaches
     * {@code target}, the node's head when it ran. {@code firstOrphaned} is where the index had left the node's chain.
     */
    public record Rewound(long indexedBefore, long rewoundTo, long target, OptionalLong firstOrphaned) {}

    /** Refused: the start given would leave blocks of another branch in the index, or lies outside it. */
    public static final class RefusedException extends Exception {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** The first block the index holds that the node's chain does not have, if any. */
    public OptionalLong firstOrphanedBlock() throws SQLException, RpcException {
        return forks.firstOrphanedBlock(checkpoint());
    }

    /** Rewinds the index for {@code start}; empty when asked to start at the fork and there is none. */
    public Optional<Rewound> rewind(Start start) throws SQLException, RpcException, RefusedException {
        Checkpoint checkpoint = checkpoint();
        OptionalLong orphaned = forks.firstOrphanedBlock(checkpoint);
        long from = switch (start) {
            case Start.AtFork atFork -> {
                if (orphaned.isEmpty()) {
                    yield -1;
                }
                yield orphaned.getAsLong();
            }
            case Start.FromBlock fromBlock -> fromBlock.block();
            case Start.FromScratch fromScratch -> checkpoint.startBlock();
        };
        if (from < 0) {
            return Optional.empty();
        }
        if (from < checkpoint.startBlock() || from > checkpoint.indexedBlock() + 1) {
            throw new RefusedException("block " + from + " is outside the index of chain " + store.chainId()
                    + ": it starts at block " + checkpoint.startBlock() + " and has indexed up to block "
                    + checkpoint.indexedBlock());
        }
        if (orphaned.isPresent() && from > orphaned.getAsLong()) {
            throw new RefusedException("the index holds block " + orphaned.getAsLong() + " of a branch the node no"
                    + " longer has: re-index from block " + orphaned.getAsLong() + " or lower (or give no block, to"
                    + " start there)");
        }
        long ancestorNumber = from - 1;
        BlockHeader ancestor = rpc.headers(List.of(ancestorNumber)).get(ancestorNumber);
        if (ancestor == null) {
            throw new RpcException("the node has no block " + ancestorNumber, false);
        }
        long target = rpc.blockNumber();
        store.rewindForRecovery(ancestor, target);
        return Optional.of(new Rewound(checkpoint.indexedBlock(), ancestorNumber, target, orphaned));
    }

    private Checkpoint checkpoint() throws SQLException {
        return store.checkpoint().orElseThrow(() -> new IllegalStateException(
                "chain " + store.chainId() + " has no index in this database: nothing to recover"));
    }
}
