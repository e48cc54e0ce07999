package io.cadenza.indexer.store;

/**
 * Points inside a batch's commit where a test can make the process "die": each hook may throw, and the open
 * transaction is abandoned exactly there, as a crash would abandon it. In production no hook does anything.
 */
public interface IndexFaults {
    IndexFaults NONE = new IndexFaults() {};

    /** Logs fetched and decoded; nothing written yet. */
    default void afterFetch() {}

    /** Raw logs, headers and discovered contracts written, not committed. */
    default void afterLogsStored() {}

    /** Projections written, not committed. */
    default void afterProjections() {}

    /** Checkpoint moved, not committed. */
    default void beforeCommit() {}

    /** Committed; the change notification not sent yet. */
    default void afterCommit() {}
}
