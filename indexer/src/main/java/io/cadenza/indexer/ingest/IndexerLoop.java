package io.cadenza.indexer.ingest;

import io.cadenza.chain.leadership.AdvisoryLock;
import io.cadenza.chain.leadership.LeaderLoop;
import io.cadenza.indexer.events.MalformedLogException;
import io.cadenza.indexer.reorg.ReorgTooDeepException;
import io.github.resilience4j.core.IntervalFunction;
import io.cadenza.chain.progress.Progress;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ChainIndexer} in the background on the one instance that holds the chain's PostgreSQL advisory lock;
 * the others stand by and take over when the holder's session ends. A node that is down is waited for with backoff,
 * keeping the lead.
 *
 * <p>An indexer that cannot advance says why, once, at ERROR, and in its {@link Progress} (which {@code /health}
 * and the halted gauge read): at once for a halt that needs an operator, after {@value #STALLED_AFTER} failed or
 * repeated steps in a row for anything else. It says so again at INFO when it advances.
 */
public final class IndexerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexerLoop.class);
    /** Backoff after failed steps in a row: 100 ms, doubling, at most 10 s. */
    private static final IntervalFunction ERROR_BACKOFF =
            IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2, Duration.ofSeconds(10));
    /** A reorg deeper than finality, or a log that does not decode, needs a person: retry rarely, loudly. */
    private static final Duration HALTED_RETRY_INTERVAL = Duration.ofMinutes(1);
    /** Failed steps, or steps the node changed under, in a row before the indexer reports itself stalled. */
    static final int STALLED_AFTER = 8;
    /** How often a halted indexer looks for an operator's recovery. */
    private static final Duration RECOVERY_POLL_INTERVAL = Duration.ofSeconds(1);

    private final ChainIndexer indexer;
    private final Duration pollInterval;
    private final Progress progress;
    private final LeaderLoop loop;

    public IndexerLoop(ChainIndexer indexer, DataSource dataSource, Duration pollInterval) {
        this(indexer, dataSource, pollInterval,
                progressOf(indexer.chainId(), new SimpleMeterRegistry(), Clock.systemUTC()));
    }

    public IndexerLoop(ChainIndexer indexer, DataSource dataSource, Duration pollInterval, Progress progress) {
        this.indexer = indexer;
        this.pollInterval = pollInterval;
        this.progress = progress;
        this.loop = new LeaderLoop("indexer-" + indexer.chainId(),
                lockOf(indexer.chainId()), dataSource, this::index);
    }

    /** The lock whose holder indexes {@code chainId}: the operator's recovery takes it to index in its stead. */
    public static AdvisoryLock lockOf(long chainId) {
        return new AdvisoryLock("cadenza.indexer:" + chainId);
    }

    public void start() {
        loop.start();
    }

    /** The indexer's progress as /health reads it, with its gauge {@code cadenza.indexer.halted} on {@code chain}. */
    public static Progress progressOf(long chainId, MeterRegistry registry, Clock clock) {
        return new Progress("cadenza.indexer.halted", Tags.of("chain", Long.toString(chainId)), registry, clock);
    }

    public Progress progress() {
        return progress;
    }

    /** Whether this instance holds the chain's lock and is indexing. */
    public boolean isLeading() {
        return loop.isLeading();
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
    }

    /** The lead: step after step; a failed step backs off and keeps the lock (nothing of it was committed). */
    private void index(BooleanSupplier stillLeading) throws InterruptedException {
        int failuresInARow = 0;
        int retriesInARow = 0;
        // A halt recorded by an earlier leader (or process) is cleared by the first step that gets through.
        boolean haltMayBeRecorded = true;
        while (stillLeading.getAsBoolean()) {
            try {
                StepOutcome outcome = indexer.step();
                failuresInARow = 0;
                if (outcome == StepOutcome.RETRY) {
                    if (++retriesInARow >= STALLED_AFTER) {
                        stalled("the node's chain keeps changing under the indexer (" + retriesInARow
                                + " steps in a row found the fetched blocks inconsistent)", false);
                    }
                    Thread.sleep(pollInterval);
                    continue;
                }
                retriesInARow = 0;
                progress.advanced().ifPresent(cleared -> LOG.info("indexer of chain {} advances again (stalled since {}: {})",
                        indexer.chainId(), cleared.since(), cleared.reason()));
                if (haltMayBeRecorded) {
                    indexer.clearHalt();
                    haltMayBeRecorded = false;
                }
                if (outcome == StepOutcome.IDLE) {
                    Thread.sleep(pollInterval);
                }
            } catch (ReorgTooDeepException | MalformedLogException | UnlinkedBlockException halted) {
                haltMayBeRecorded = true;
                if (!stalled(halted.getMessage(), true)) {
                    LOG.warn("indexer of chain {} still halted; retrying in {}", indexer.chainId(), HALTED_RETRY_INTERVAL);
                }
                measureLag();
                awaitRecovery(HALTED_RETRY_INTERVAL, stillLeading);
            } catch (Exception failure) {
                if (!stillLeading.getAsBoolean()) {
                    return;
                }
                Duration backoff = Duration.ofMillis(ERROR_BACKOFF.apply(++failuresInARow));
                if (failuresInARow >= STALLED_AFTER) {
                    haltMayBeRecorded = true;
                }
                if (failuresInARow < STALLED_AFTER || !stalled("steps keep failing: " + failure, false)) {
                    LOG.warn("indexer step on chain {} failed; retrying in {}: {}", indexer.chainId(), backoff,
                            failure.toString());
                }
                measureLag();
                Thread.sleep(backoff);
            }
        }
    }

    /**
     * Waits out a halt: {@code max}, or less when an operator's recovery (the reindex command) is counted in the
     * meantime, so that indexing resumes within a second of it.
     */
    private void awaitRecovery(Duration max, BooleanSupplier stillLeading) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long before = recoveryCount();
        while (System.nanoTime() < deadline && stillLeading.getAsBoolean()) {
            Thread.sleep(RECOVERY_POLL_INTERVAL);
            if (recoveryCount() != before) {
                LOG.info("indexer of chain {}: an operator's recovery was recorded; indexing again", indexer.chainId());
                return;
            }
        }
    }

    private long recoveryCount() {
        try {
            return indexer.recoveryCount();
        } catch (SQLException unavailable) {
            return -1;
        }
    }

    /** The lag behind the head while nothing is indexed; a node that does not answer leaves the last figure. */
    private void measureLag() {
        try {
            indexer.measureLag();
        } catch (Exception unavailable) {
            LOG.debug("indexer of chain {}: lag not measured: {}", indexer.chainId(), unavailable.toString());
        }
    }

    /** Records the stall; says it at ERROR the first time for its reason. False when it was already said. */
    private boolean stalled(String reason, boolean needsOperator) {
        try {
            indexer.recordHalt(reason); // for the other instances' reads to say they are stale
        } catch (SQLException unavailable) {
            LOG.debug("indexer of chain {}: halt not recorded: {}", indexer.chainId(), unavailable.toString());
        }
        if (!progress.stalled(reason, needsOperator)) {
            return false;
        }
        LOG.error("indexer of chain {} cannot advance{}: {}", indexer.chainId(),
                needsOperator ? " until an operator acts (see the README's operations section)" : "", reason);
        return true;
    }
}
