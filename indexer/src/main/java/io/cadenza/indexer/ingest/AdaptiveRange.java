package io.cadenza.indexer.ingest;

/**
 * How many blocks the next eth_getLogs range spans. It halves when the node errors or caps the answer, shrinks to
 * aim at the logs target when an answer was large, and doubles back towards the maximum after each success.
 */
final class AdaptiveRange {
    /**
     * Where a range starts: small, because nothing is known yet of how dense the chain is, and a first answer of
     * 2,000 busy blocks could be hundreds of megabytes. Doubling reaches the maximum within a few steps.
     */
    static final int BLOCKS_INITIAL = 64;

    private final int blocksMax;
    private final int logsTarget;
    private int blocks;

    AdaptiveRange(int blocksMax, int logsTarget) {
        if (blocksMax < 1 || logsTarget < 1) {
            throw new IllegalArgumentException("range bounds must be positive");
        }
        this.blocksMax = blocksMax;
        this.logsTarget = logsTarget;
        this.blocks = Math.min(blocksMax, BLOCKS_INITIAL);
    }

    synchronized int blocks() {
        return blocks;
    }

    /** A range of {@code spanned} blocks answered {@code logs} logs. */
    synchronized void succeeded(int spanned, int logs) {
        if (logs > logsTarget) {
            blocks = (int) Math.max(1, (long) spanned * logsTarget / logs);
        } else if (spanned >= blocks) {
            blocks = (int) Math.min(blocksMax, (long) blocks * 2);
        }
    }

    /** The node failed or capped a range of {@code spanned} blocks. */
    synchronized void failed(int spanned) {
        blocks = Math.max(1, Math.min(blocks, spanned) / 2);
    }
}
