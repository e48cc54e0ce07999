package io.cadenza.chain.config;

/**
 * When a block can no longer be reorganised away, by default: the indexer keeps headers this deep, and the outbox
 * watches its mined transactions this long. Both are configurable; they should agree.
 */
public final class Finality {
    /** Headers are kept, and transactions watched, for this many blocks at most. */
    public static final int DEPTH_LIMIT = 1_024;
    /** Ethereum finalises after two epochs of 32 slots; a few blocks more cover a late finalisation. */
    public static final int DEPTH_ETHEREUM = 96;
    /** A local dev node reorganises only when a test tells it to: deep enough for those tests, cheap to keep. */
    public static final int DEPTH_LOCAL = 32;

    private Finality() {}

    /** Chain ids of local development nodes (Hardhat, Anvil/Ganache). */
    public static boolean isLocal(long chainId) {
        return chainId == 31337 || chainId == 1337;
    }

    /** The default finality depth of {@code chainId}. */
    public static int defaultDepth(long chainId) {
        return isLocal(chainId) ? DEPTH_LOCAL : DEPTH_ETHEREUM;
    }
}
