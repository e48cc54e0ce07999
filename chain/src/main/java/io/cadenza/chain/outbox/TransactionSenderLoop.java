package io.cadenza.chain.outbox;

import io.cadenza.chain.leadership.AdvisoryLock;
import io.cadenza.chain.leadership.LeaderLoop;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an account's {@link TransactionSender} in the background, on the one instance that holds the account's
 * PostgreSQL advisory lock; the others stand by and take over when the holder's session ends.
 */
public final class TransactionSenderLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSenderLoop.class);
    /** Backoff of the signing half after failed passes in a row: 200 ms, doubling, at most 30 s. */
    private static final IntervalFunction ERROR_BACKOFF =
            IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2, Duration.ofSeconds(30));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final SenderPasses sender;
    private final Duration pollInterval;
    private final String name;
    private final LeaderLoop loop;

    public TransactionSenderLoop(SenderPasses sender, DataSource dataSource, long chainId, Duration pollInterval) {
        this.sender = sender;
        this.pollInterval = pollInterval;
        this.name = "outbox-sender-" + sender.account();
        this.loop = new LeaderLoop(name,
                new AdvisoryLock("cadenza.chain.sender:" + chainId + ":" + sender.account()), dataSource, this::send);
    }

    public void start() {
        loop.start();
    }

    /** Whether this instance holds the account's lock and is sending. */
    public boolean isLeading() {
        return loop.isLeading();
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
    }

    /** The lead: a failed pass throws, and the loop gives the lock up and takes it again after a backoff. */
    private void send(BooleanSupplier stillLeading) throws Exception {
        // Signing (estimation, ECDSA, storing) overlaps sending: the node and our CPU work at the same time.
        Signer signing = new Signer(stillLeading);
        Thread signer = Thread.ofPlatform().name(name + "-signer").daemon(true).start(signing::run);
        try {
            while (stillLeading.getAsBoolean()) {
                SenderPass pass = sender.sendPass();
                if (pass.idle()) {
                    Thread.sleep(pollInterval);
                }
            }
        } finally {
            signing.stop();
            stopSigner(signer);
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
    private final class Signer {
        private final BooleanSupplier stillLeading;
        private volatile boolean stopped;

        Signer(BooleanSupplier stillLeading) {
            this.stillLeading = stillLeading;
        }

        void stop() {
            stopped = true;
        }

        void run() {
            int failuresInARow = 0;
            while (!stopped && stillLeading.getAsBoolean()) {
                try {
                    SenderPass pass = sender.signPass();
                    failuresInARow = 0;
                    if (pass.idle()) {
                        Thread.sleep(pollInterval);
                    }
                } catch (InterruptedException interrupted) {
                    return;
                } catch (Exception failure) {
                    Duration backoff = Duration.ofMillis(ERROR_BACKOFF.apply(++failuresInARow));
                    LOG.warn("outbox signing for {} failed; retrying in {}: {}", sender.account(), backoff,
                            failure.toString());
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }
}
