package io.cadenza.chain.outbox;

/** What one pass of a sender did. */
public record SenderPass(int signed, int broadcast, int mined, int confirmed, int failed, int replaced, int open) {
    /** Nothing moved and nothing waits: the sender may sleep until the next poll. */
    public boolean idle() {
        return signed + broadcast + mined + confirmed + failed + replaced == 0;
    }
}
