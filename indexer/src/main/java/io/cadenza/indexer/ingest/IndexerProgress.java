package io.cadenza.indexer.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether this instance's indexer advances and, when it cannot, why: what {@code /health} and the
 * {@code cadenza.indexer.halted} gauge report. Set by the {@link IndexerLoop} that leads the chain.
 */
public final class IndexerProgress {
    /**
     * Why the indexer stopped advancing.
     *
     * @param reason what the operator reads: the failure or the halt
     * @param since when it started
     * @param needsOperator true for a halt nothing but a person clears (a reorg deeper than finality, a log that does
     *        not decode, an unlinked block); false for failures that may pass (the node or the database away)
     */
    public record Stall(String reason, Instant since, boolean needsOperator) {}

    private final long chainId;
    private final Clock clock;
    private volatile Stall stall;

    public IndexerProgress(long chainId, MeterRegistry registry, Clock clock) {
        this.chainId = chainId;
        this.clock = clock;
        Gauge.builder("cadenza.indexer.halted", this, progress -> progress.stall == null ? 0 : 1)
                .tag("chain", Long.toString(chainId))
                .description("1 while the indexer cannot advance (see /health for why), else 0").register(registry);
    }

    public long chainId() {
        return chainId;
    }

    public Optional<Stall> stall() {
        return Optional.ofNullable(stall);
    }

    /**
     * Records that the indexer cannot advance, with the latest reason. True when this is news the caller should say
     * loudly: the indexer was advancing until now, or a halt has a new reason (a passing failure's message varies
     * from one attempt to the next, and repeating it would bury the first).
     */
    boolean stalled(String reason, boolean needsOperator) {
        Stall current = stall;
        stall = new Stall(reason, current != null ? current.since() : clock.instant(), needsOperator);
        return current == null || (needsOperator && !current.reason().equals(reason));
    }

    /** Records that the indexer advanced; what it was stalled by, if it was. */
    Optional<Stall> advanced() {
        Stall cleared = stall;
        stall = null;
        return Optional.ofNullable(cleared);
    }
}
