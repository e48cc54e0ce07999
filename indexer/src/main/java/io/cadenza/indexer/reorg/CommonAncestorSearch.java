package io.cadenza.indexer.reorg;

import io.cadenza.indexer.rpc.BlockHeader;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.rpc.RpcException;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Finds the highest stored block that is still on the node's canonical chain. The stored headers span at most the
 * finality depth, so this is one batched request whatever the depth of the reorg.
 */
public final class CommonAncestorSearch {
    private final RpcClient rpc;
    private final long chainId;

    public CommonAncestorSearch(RpcClient rpc, long chainId) {
        this.rpc = rpc;
        this.chainId = chainId;
    }

    /** The common ancestor's number; throws when none of {@code stored} (number to hash) is canonical. */
    public long find(NavigableMap<Long, String> stored, long checkpoint) throws RpcException {
        if (stored.isEmpty()) {
            throw new ReorgTooDeepException(chainId, checkpoint, checkpoint);
        }
        Map<Long, BlockHeader> canonical = rpc.headers(stored.keySet());
        for (Map.Entry<Long, String> header : stored.descendingMap().entrySet()) {
            BlockHeader onNode = canonical.get(header.getKey());
            if (onNode != null && onNode.hash().equals(header.getValue())) {
                return header.getKey();
            }
        }
        throw new ReorgTooDeepException(chainId, stored.firstKey(), checkpoint);
    }
}
