package io.cadenza.indexer.ingest;

import io.cadenza.chain.leadership.AdvisoryLock;
import io.cadenza.chain.leadership.LeaderLoop;
import io.cadenza.indexer.events.MalformedLogException;
import io.cadenza.indexer.reorg.ReorgTooDeepException;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ChainIndexer} in the background on the one instance that holds the chain's PostgreSQL advisory lock;
 * the others stand by and take over when the holder's session ends. A node that is down is waited for with backoff,
 * keeping the lead.
 */
public final class IndexerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexerLoop.class);
    /** Backoff after failed steps in a row: 100 ms, doubling, at most 10 s. */
    private static final IntervalFunction ERROR_BACKOFF =
            IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2, Duration.ofSeconds(10));
    /** A reorg deeper than finality, or a log that does not decode, needs a person: retry rarely, loudly. */
    private static final Duration HALTED_RETRY_INTERVAL = Duration.ofMinutes(1);

    private final ChainIndexer indexer;
    private final Duration pollInterval;
    private final LeaderLoop loop;

    public IndexerLoop(ChainIndexer indexer, DataSource dataSource, Duration pollInterval) {
        this.indexer = indexer;
        this.pollInterval = pollInterval;
        this.loop = new LeaderLoop("indexer-" + indexer.chainId(),
                new AdvisoryLock("cadenza.indexer:" + indexer.chainId()), dataSource, this::index);
    }

    public void start() {
        loop.start();
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
        while (stillLeading.getAsBoolean()) {
            try {
                if (indexer.step() == StepOutcome.IDLE) {
                    Thread.sleep(pollInterval);
                }
                failuresInARow = 0;
            } catch (ReorgTooDeepException | MalformedLogException halted) {
                LOG.error("indexer of chain {} halted; retrying in {}: {}", indexer.chainId(), HALTED_RETRY_INTERVAL,
                        halted.getMessage());
                Thread.sleep(HALTED_RETRY_INTERVAL);
            } catch (Exception failure) {
                if (!stillLeading.getAsBoolean()) {
                    return;
                }
                Duration backoff = Duration.ofMillis(ERROR_BACKOFF.apply(++failuresInARow));
                LOG.warn("indexer step on chain {} failed; retrying in {}: {}", indexer.chainId(), backoff,
                        failure.toString());
                Thread.sleep(backoff);
            }
        }
    }
}
