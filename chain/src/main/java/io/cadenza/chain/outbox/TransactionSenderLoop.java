package io.cadenza.chain.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an account's {@link TransactionSender} in the background, on the one instance that holds the account's
 * PostgreSQL advisory lock; the others stand by and take over when the holder's session ends.
 */
public final class TransactionSenderLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSenderLoop.class);
    /** How long a standby waits between attempts to take the lock. */
    private static final Duration STANDBY_INTERVAL = Duration.ofSeconds(1);
    /** Backoff after a failed pass (node or database down): doubles up to this. */
    private static final Duration ERROR_BACKOFF_MAX = Duration.ofSeconds(30);
    private static final Duration ERROR_BACKOFF_MIN = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final TransactionSender sender;
    private final DataSource dataSource;
    private final long chainId;
    private final Duration pollInterval;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean leading;

    public TransactionSenderLoop(TransactionSender sender, DataSource dataSource, long chainId, Duration pollInterval) {
        this.sender = sender;
        this.dataSource = dataSource;
        this.chainId = chainId;
        this.pollInterval = pollInterval;
        this.thread = Thread.ofPlatform().name("outbox-sender-" + sender.account()).daemon(true).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Whether this instance holds the account's lock and is sending. */
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
                if (!tryLock(lockSession)) {
                    sleep(STANDBY_INTERVAL);
                    continue;
                }
                leading = true;
                LOG.info("sending for {} on chain {}", sender.account(), chainId);
                try {
                    while (!stopping) {
                        SenderPass pass = sender.runOnce();
                        backoff = ERROR_BACKOFF_MIN;
                        if (pass.idle()) {
                            sleep(pollInterval);
                        }
                    }
                } finally {
                    // A pooled connection outlives close(), and its session would keep the lock: release it.
                    leading = false;
                    unlock(lockSession);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception failure) {
                // A node or database fault: keep every intent where it is and try again later, from the database.
                LOG.warn("outbox pass for {} failed; retrying in {}: {}", sender.account(), backoff, failure.toString());
                try {
                    sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(ERROR_BACKOFF_MAX) > 0 ? ERROR_BACKOFF_MAX : backoff.multipliedBy(2);
            } finally {
                leading = false;
            }
        }
    }

    private boolean tryLock(Connection session) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, lockKey());
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private void unlock(Connection session) {
        try (PreparedStatement unlock = session.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
            unlock.setString(1, lockKey());
            unlock.execute();
        } catch (SQLException failure) {
            // The session is broken, and with it the lock; the pool discards such connections.
            LOG.warn("releasing the sender lock of {} failed: {}", sender.account(), failure.toString());
        }
    }

    private String lockKey() {
        return "cadenza.chain.sender:" + chainId + ":" + sender.account();
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (!stopping) {
            Thread.sleep(duration);
        }
    }
}
