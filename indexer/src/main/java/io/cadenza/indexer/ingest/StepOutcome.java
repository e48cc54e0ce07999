package io.cadenza.indexer.ingest;

/** What one step of the indexer did. */
public enum StepOutcome {
    /** Caught up with the head, and the indexed tip is still canonical. */
    IDLE,
    /** A batch was committed. */
    INDEXED,
    /** A reorg was found and everything above the common ancestor rolled back. */
    ROLLED_BACK,
    /** The node changed under the step (a reorg in progress): nothing was written; step again. */
    RETRY
}
