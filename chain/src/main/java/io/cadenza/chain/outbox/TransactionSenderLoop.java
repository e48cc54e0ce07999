package io.cadenza.chain.outbox;

import io.cadenza.chain.leadership.AdvisoryLock;
import java.sql.Connection;
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

    private final SenderPasses sender;
    private final DataSource dataSource;
    private final long chainId;
    private final Duration pollInterval;
    private final Thread thread;
    private final AdvisoryLock lock;
    private volatile boolean stopping;
    private volatile boolean leading;

    public TransactionSenderLoop(SenderPasses sender, DataSource dataSource, long chainId, Duration pollInterval) {
        this.sender = sender;
        this.dataSource = dataSource;
        this.chainId = chainId;
        this.pollInterval = pollInterval;
        this.lock = new AdvisoryLock("cadenza.chain.sender:" + chainId + ":" + sender.account());
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
                // Signing (estimation, ECDSA, storing) overlaps sending: the node and our CPU work at the same time.
                Thread signer = Thread.ofPlatform().name(thread.getName() + "-signer").daemon(true)
                        .start(this::signWhileLeading);
                try {
                    while (!stopping) {
                        SenderPass pass = sender.sendPass();
                        backoff = ERROR_BACKOFF_MIN;
                        if (pass.idle()) {
                            sleep(pollInterval);
                        }
                    }
                } finally {
                    leading = false;
                    stopSigner(signer);
                    // A pooled connection outlives close(), and its session would keep the lock: release it.
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
                backoff = doubled(backoff);
            } finally {
                leading = false;
            }
        }
    }

    /**
     * Stops the signing thread before the lock is released, so that no signing outlives the lead. Waiting is not
     * interruptible: close() interrupts this thread, and an interrupted join here once skipped the unlock, which
     * left the lock with a pooled session and every standby waiting forever.
     */
    private void stopSigner(Thread signer) {
        signer.interrupt();
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (signer.isAlive() && System.nanoTime() < deadline) {
            try {
                signer.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (signer.isAlive()) {
            LOG.warn("the signing thread of {} did not stop within {}", sender.account(), STOP_TIMEOUT);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The signing half, for as long as this instance leads; its errors back off without giving up the lead. */
    private void signWhileLeading() {
        Duration backoff = ERROR_BACKOFF_MIN;
        while (leading && !stopping) {
            try {
                SenderPass pass = sender.signPass();
                backoff = ERROR_BACKOFF_MIN;
                if (pass.idle()) {
                    sleep(pollInterval);
                }
            } catch (InterruptedException interrupted) {
                return;
            } catch (Exception failure) {
                LOG.warn("outbox signing for {} failed; retrying in {}: {}", sender.account(), backoff, failure.toString());
                try {
                    sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = doubled(backoff);
            }
        }
    }

    private static Duration doubled(Duration backoff) {
        Duration twice = backoff.multipliedBy(2);
        return twice.compareTo(ERROR_BACKOFF_MAX) > 0 ? ERROR_BACKOFF_MAX : twice;
    }

    private boolean tryLock(Connection session) throws SQLException {
        return lock.tryAcquire(session);
    }

    private void unlock(Connection session) {
        try {
            lock.release(session);
        } catch (SQLException failure) {
            // The session is broken, and with it the lock; the pool discards such connections.
            LOG.warn("releasing the sender lock of {} failed: {}", sender.account(), failure.toString());
        }
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (!stopping) {
            Thread.sleep(duration);
        }
    }
}
