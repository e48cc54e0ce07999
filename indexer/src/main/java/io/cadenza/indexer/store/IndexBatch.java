package io.cadenza.indexer.store;

import io.cadenza.indexer.events.ChainEvent;
import io.cadenza.indexer.rpc.BlockHeader;
import io.cadenza.indexer.rpc.RawLog;
import java.util.List;

/**
 * What one step commits, atomically: the logs of blocks {@code fromBlock..last.number()}, their decoded events, the
 * contracts discovered in them, the headers of the unfinalised blocks among them, and the new checkpoint.
 *
 * @param headers fetched headers in ascending order; the last is the new checkpoint
 * @param keepHeadersFrom headers below this number (other than the checkpoint's) are final and are pruned
 */
public record IndexBatch(long fromBlock, List<BlockHeader> headers, List<RawLog> logs, List<ChainEvent> events,
        List<WatchedContract> discovered, long keepHeadersFrom) {

    public IndexBatch {
        headers = List.copyOf(headers);
        logs = List.copyOf(logs);
        events = List.copyOf(events);
        discovered = List.copyOf(discovered);
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least the header of its last block");
        }
        if (headers.getFirst().number() < fromBlock) {
            throw new IllegalArgumentException("a header below the batch: " + headers.getFirst().number());
        }
    }

    public BlockHeader last() {
        return headers.getLast();
    }

    public long toBlock() {
        return last().number();
    }
}
