package io.cadenza.indexer.ingest;

import io.cadenza.chain.leadership.AdvisoryLock;
import io.cadenza.indexer.events.MalformedLogException;
import io.cadenza.indexer.reorg.ReorgTooDeepException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ChainIndexer} in the background on the one instance that holds the chain's PostgreSQL advisory lock;
 * the others stand by and take over when the holder's session ends. A node that is down is waited for with backoff.
 */
public final class IndexerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexerLoop.class);
    /** How long a standby waits between attempts to take the lock. */
    private static final Duration STANDBY_INTERVAL = Duration.ofMillis(500);
    private static final Duration ERROR_BACKOFF_MIN = Duration.ofMillis(100);
    private static final Duration ERROR_BACKOFF_MAX = Duration.ofSeconds(10);
    /** A reorg deeper than finality, or a log that does not decode, needs a person: retry rarely, loudly. */
    private static final Duration HALTED_RETRY_INTERVAL = Duration.ofMinutes(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ChainIndexer indexer;
    private final DataSource dataSource;
    private final Duration pollInterval;
    private final AdvisoryLock lock;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean leading;

    public IndexerLoop(ChainIndexer indexer, DataSource dataSource, Duration pollInterval) {
        this.indexer = indexer;
        this.dataSource = dataSource;
        this.pollInterval = pollInterval;
        this.lock = new AdvisoryLock("cadenza.indexer:" + indexer.chainId());
        this.thread = Thread.ofPlatform().name("indexer-" + indexer.chainId()).daemon(true).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Whether this instance holds the chain's lock and is indexing. */
    public boolean isLeading() {
        return leading;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(STOP_TIMEOUT);
    }

    private void run() {
        Duration backoff = ERROR_BACKOFF_MIN;
        while (!stopping) {
            try (Connection lockSession = dataSource.getConnection()) {
                if (!lock.tryAcquire(lockSession)) {
                    sleep(STANDBY_INTERVAL);
                    continue;
                }
                leading = true;
                LOG.info("indexing chain {}", indexer.chainId());
                try {
                    while (!stopping) {
                        StepOutcome outcome = stepOrBackOff(backoff);
                        if (outcome == null) {
                            backoff = doubled(backoff);
                            continue;
                        }
                        backoff = ERROR_BACKOFF_MIN;
                        if (outcome == StepOutcome.IDLE) {
                            sleep(pollInterval);
                        }
                    }
                } finally {
                    leading = false;
                    release(lockSession);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException failure) {
                LOG.warn("indexer of chain {} lost its database session; retrying in {}: {}", indexer.chainId(),
                        backoff, failure.toString());
                if (!sleepQuietly(backoff)) {
                    break;
                }
                backoff = doubled(backoff);
            } finally {
                leading = false;
            }
        }
    }

    /** One step; on failure it logs, sleeps {@code backoff} and answers null. */
    private StepOutcome stepOrBackOff(Duration backoff) throws InterruptedException {
        try {
            return indexer.step();
        } catch (ReorgTooDeepException | MalformedLogException halted) {
            LOG.error("indexer of chain {} halted; retrying in {}: {}", indexer.chainId(), HALTED_RETRY_INTERVAL,
                    halted.getMessage());
            sleep(HALTED_RETRY_INTERVAL);
        } catch (Exception failure) {
            if (Thread.currentThread().isInterrupted() && stopping) {
                throw new InterruptedException();
            }
            // A node or database fault: nothing was committed; the next step starts again from the checkpoint.
            LOG.warn("indexer step on chain {} failed; retrying in {}: {}", indexer.chainId(), backoff,
                    failure.toString());
            sleep(backoff);
        }
        return null;
    }

    private void release(Connection session) {
        try {
            lock.release(session);
        } catch (SQLException failure) {
            LOG.warn("releasing the indexer lock of chain {} failed: {}", indexer.chainId(), failure.toString());
        }
    }

    private static Duration doubled(Duration backoff) {
        Duration twice = backoff.multipliedBy(2);
        return twice.compareTo(ERROR_BACKOFF_MAX) > 0 ? ERROR_BACKOFF_MAX : twice;
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (!stopping) {
            Thread.sleep(duration);
        }
    }

    private boolean sleepQuietly(Duration duration) {
        try {
            sleep(duration);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
