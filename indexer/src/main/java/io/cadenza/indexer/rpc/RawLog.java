package io.cadenza.indexer.rpc;

import java.util.List;

/**
 * One log as the node returned it, addresses and hashes in lower-case hex.
 *
 * @param topics topic 0 (the event's signature hash) first, then the indexed arguments
 * @param data the non-indexed arguments, ABI-encoded, as 0x-hex
 */
public record RawLog(long blockNumber, String blockHash, int logIndex, String transactionHash, String address,
        List<String> topics, String data) {

    public RawLog {
        topics = List.copyOf(topics);
    }

    public String topic(int index) {
        return index < topics.size() ? topics.get(index) : null;
    }

    /** Orders logs as the chain does: by block, then by position in the block. */
    public static int chainOrder(RawLog left, RawLog right) {
        int byBlock = Long.compare(left.blockNumber, right.blockNumber);
        return byBlock != 0 ? byBlock : Integer.compare(left.logIndex, right.logIndex);
    }
}
