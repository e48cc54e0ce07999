package io.cadenza.chain.outbox;

import io.cadenza.chain.config.Finality;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigInteger;
import java.time.Duration;

/**
 * How the outbox sends.
 *
 * @param batchSizeMax intents signed, broadcast or polled per step of a pass (one JSON-RPC batch each)
 * @param stuckAfter how long a broadcast transaction may go unmined before it is replaced with higher fees
 * @param attemptsMax signed attempts per intent (the first and its replacements); then it waits, reported
 * @param maxFeePerGasCapWei fees never exceed this, whatever the network asks
 * @param priorityFeeMinWei the tip offered at least
 * @param feeBumpPercent how much a replacement raises both fees (nodes require at least 10)
 * @param finalityDepth blocks after which a mined transaction's block is final; until then the sender checks that it
 *        is still canonical. Empty for the chain's default, the same as the indexer's ({@link Finality})
 * @param stalledAfter how long the oldest open intent may wait before the sender reports itself stalled
 */
@ConfigurationProperties("cadenza.chain.outbox")
public record OutboxConfiguration(
        @Bindable(defaultValue = "100") @Min(1) @Max(BATCH_SIZE_LIMIT) int batchSizeMax,
        @Bindable(defaultValue = "60s") @NotNull Duration stuckAfter,
        @Bindable(defaultValue = "10") @Min(1) @Max(100) int attemptsMax,
        @Bindable(defaultValue = "500000000000") @NotNull BigInteger maxFeePerGasCapWei,
        @Bindable(defaultValue = "1000000000") @NotNull BigInteger priorityFeeMinWei,
        @Bindable(defaultValue = "15") @Min(10) @Max(100) int feeBumpPercent,
        @Nullable @Min(1) @Max(Finality.DEPTH_LIMIT) Integer finalityDepth,
        @Bindable(defaultValue = "10m") @NotNull Duration stalledAfter) {

    /** Providers cap JSON-RPC batches (commonly at 100 to 1,000 calls); a few hundred keeps every step bounded. */
    public static final int BATCH_SIZE_LIMIT = 500;

    public static OutboxConfiguration defaults() {
        return new OutboxConfiguration(100, Duration.ofSeconds(60), 10, BigInteger.valueOf(500_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), 15, null, Duration.ofMinutes(10));
    }

    /** The configured finality depth, or the default for {@code chainId}. */
    public int finalityDepthFor(long chainId) {
        return finalityDepth != null ? finalityDepth : Finality.defaultDepth(chainId);
    }

    public OutboxConfiguration withStuckAfter(Duration stuckAfter) {
        return new OutboxConfiguration(batchSizeMax, stuckAfter, attemptsMax, maxFeePerGasCapWei, priorityFeeMinWei,
                feeBumpPercent, finalityDepth, stalledAfter);
    }
}
