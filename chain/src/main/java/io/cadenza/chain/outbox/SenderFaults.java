package io.cadenza.chain.outbox;

/**
 * Points between the sender's steps where a test can make the process "die": each hook may throw to abandon the
 * pass exactly there, as a crash would. In production no hook does anything.
 */
public interface SenderFaults {
    SenderFaults NONE = new SenderFaults() {};

    /** Signed transactions are stored; none is broadcast yet. */
    default void afterSigned() {}

    /** The node has accepted the transactions; the outbox has not recorded it yet. */
    default void afterBroadcast() {}

    /** Receipts were read; the outbox has not recorded them yet. */
    default void afterReceipts() {}
}
