package io.cadenza.chain.progress;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a background worker (the indexer of a chain, the sender of an account) advances and, when it cannot, why:
 * what {@code /health} and its stalled gauge report. Set by the loop that runs the worker.
 */
public final class Progress {
    /**
     * Why the worker stopped advancing.
     *
     * @param reason what the operator reads: the failure or the halt
     * @param since when it started
     * @param needsOperator true for a halt nothing but a person clears; false for failures that may pass (the node
     *        or the database away)
     */
    public record Stall(String reason, Instant since, boolean needsOperator) {}

    private final Clock clock;
    private volatile Stall stall;

    /** Registers {@code gauge} with {@code tags}: 1 while the worker cannot advance, else 0. */
    public Progress(String gauge, Tags tags, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        Gauge.builder(gauge, this, progress -> progress.stall == null ? 0 : 1).tags(tags)
                .description("1 while it cannot advance (see /health for why), else 0").register(registry);
    }

    public Optional<Stall> stall() {
        return Optional.ofNullable(stall);
    }

    /**
     * Records that the worker cannot advance, with the latest reason. True when this is news the caller should say
     * loudly: the worker was advancing until now, or a halt has a new reason (a passing failure's message varies
     * from one attempt to the next, and repeating it would bury the first).
     */
    public boolean stalled(String reason, boolean needsOperator) {
        Stall current = stall;
        stall = new Stall(reason, current != null ? current.since() : clock.instant(), needsOperator);
        return current == null || (needsOperator && !current.reason().equals(reason));
    }

    /** Records that the worker advanced; what it was stalled by, if it was. */
    public Optional<Stall> advanced() {
        Stall cleared = stall;
        stall = null;
        return Optional.ofNullable(cleared);
    }
}
