package io.cadenza.chain.leadership;

import java.sql.Connection;
import java.sql.SQLException;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that does its work only while it holds an {@link AdvisoryLock}: one instance leads, the others
 * stand by and take over when the leader's session ends. What the leader does is a {@link Leadership}; when it
 * throws, the lock is given up, and taken again after a backoff.
 */
public final class LeaderLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLoop.class);
    /** How long a standby waits between attempts to take the lock. */
    private static final Duration STANDBY_INTERVAL = Duration.ofMillis(500);
    /** Backoff after failed leads in a row (node or database down): 200 ms, doubling, at most 30 s. */
    private static final IntervalFunction ERROR_BACKOFF =
            IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2, Duration.ofSeconds(30));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The leader's work. */
    @FunctionalInterface
    public interface Leadership {
        /** Works until {@code stillLeading} answers false (the loop is closing); throws to give the lead up. */
        void lead(BooleanSupplier stillLeading) throws Exception;
    }

    private final String name;
    private final AdvisoryLock lock;
    private final DataSource dataSource;
    private final Leadership leadership;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean leading;

    public LeaderLoop(String name, AdvisoryLock lock, DataSource dataSource, Leadership leadership) {
        this.name = name;
        this.lock = lock;
        this.dataSource = dataSource;
        this.leadership = leadership;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Whether this instance holds the lock and is working. */
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
        int failuresInARow = 0;
        while (!stopping) {
            try (Connection lockSession = dataSource.getConnection()) {
                if (!lock.tryAcquire(lockSession)) {
                    sleep(STANDBY_INTERVAL);
                    continue;
                }
                leading = true;
                LOG.info("{} leads ({})", name, lock.name());
                try {
                    leadership.lead(() -> !stopping);
                    failuresInARow = 0;
                } finally {
                    leading = false;
                    // A pooled connection outlives close(), and its session would keep the lock: release it.
                    release(lockSession);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception failure) {
                if (stopping) {
                    break;
                }
                // A node or database fault: the work's state is in the database; lead again later.
                Duration backoff = Duration.ofMillis(ERROR_BACKOFF.apply(++failuresInARow));
                LOG.warn("{} failed; retrying in {}: {}", name, backoff, failure.toString());
                try {
                    sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } finally {
                leading = false;
            }
        }
    }

    private void release(Connection session) {
        try {
            lock.release(session);
        } catch (SQLException failure) {
            // The session is broken, and with it the lock; the pool discards such connections.
            LOG.warn("{}: releasing {} failed: {}", name, lock.name(), failure.toString());
        }
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (!stopping) {
            Thread.sleep(duration);
        }
    }
}
