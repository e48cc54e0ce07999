package io.cadenza.indexer.config;

import io.cadenza.chain.config.Finality;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How the indexer follows a chain.
 *
 * @param pollInterval how often the head is polled when caught up
 * @param confirmations blocks behind the head that are left unindexed (0 indexes the head itself)
 * @param finalityDepth blocks below the head that can no longer be reorganised; empty for the chain's default
 * @param rangeBlocksMax most blocks in one eth_getLogs range (providers cap at 2,000 to 10,000)
 * @param rangeLogsTarget logs per range the adaptive sizing aims at (providers cap answers at 10,000)
 * @param rpcTimeout how long one JSON-RPC call may take
 * @param rpcAttemptsMax attempts at one range, halving it each time, before the step gives up and backs off
 * @param localChain whether the chain is a local dev node (Hardhat, Anvil); empty to tell by its chain id. A dev
 *        node's {@code hardhat_mine} reports a zero parent hash for the blocks it skips over: on a local chain those
 *        blocks are linked by the hash the node gives for the block before; elsewhere they stop the indexer.
 */
@ConfigurationProperties("cadenza.indexer")
public record IndexerConfiguration(
        @Bindable(defaultValue = "50ms") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "0") @Min(0) @Max(1_000) int confirmations,
        @Nullable @Min(1) @Max(FINALITY_DEPTH_LIMIT) Integer finalityDepth,
        @Bindable(defaultValue = "2000") @Min(1) @Max(100_000) int rangeBlocksMax,
        @Bindable(defaultValue = "5000") @Min(1) @Max(100_000) int rangeLogsTarget,
        @Bindable(defaultValue = "10s") @NotNull Duration rpcTimeout,
        @Bindable(defaultValue = "5") @Min(1) @Max(20) int rpcAttemptsMax,
        @Nullable Boolean localChain) {

    /** Headers are kept for this many blocks at most; a deeper reorg stops the indexer for an operator. */
    public static final int FINALITY_DEPTH_LIMIT = Finality.DEPTH_LIMIT;

    public static IndexerConfiguration defaults() {
        return new IndexerConfiguration(Duration.ofMillis(50), 0, null, 2_000, 5_000, Duration.ofSeconds(10), 5, null);
    }

    /** The configured finality depth, or the default for {@code chainId}. */
    public int finalityDepthFor(long chainId) {
        if (finalityDepth != null) {
            return finalityDepth;
        }
        return Finality.defaultDepth(chainId);
    }

    /** Whether {@code chainId} is followed as a local dev node: as configured, else Hardhat's and Ganache's ids. */
    public boolean isLocal(long chainId) {
        if (localChain != null) {
            return localChain;
        }
        return Finality.isLocal(chainId);
    }

    public IndexerConfiguration withLocalChain(boolean local) {
        return new IndexerConfiguration(pollInterval, confirmations, finalityDepth, rangeBlocksMax,
                rangeLogsTarget, rpcTimeout, rpcAttemptsMax, local);
    }

    public IndexerConfiguration withFinalityDepth(@Nullable Integer depth) {
        return new IndexerConfiguration(pollInterval, confirmations, depth, rangeBlocksMax,
                rangeLogsTarget, rpcTimeout, rpcAttemptsMax, localChain);
    }

    public IndexerConfiguration withPollInterval(Duration interval) {
        return new IndexerConfiguration(interval, confirmations, finalityDepth, rangeBlocksMax,
                rangeLogsTarget, rpcTimeout, rpcAttemptsMax, localChain);
    }

    public IndexerConfiguration withRanges(int blocksMax, int logsTarget) {
        return new IndexerConfiguration(pollInterval, confirmations, finalityDepth, blocksMax, logsTarget,
                rpcTimeout, rpcAttemptsMax, localChain);
    }

    public IndexerConfiguration withRpcTimeout(Duration timeout) {
        return new IndexerConfiguration(pollInterval, confirmations, finalityDepth, rangeBlocksMax,
                rangeLogsTarget, timeout, rpcAttemptsMax, localChain);
    }
}
