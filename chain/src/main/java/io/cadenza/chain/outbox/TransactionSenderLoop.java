package io.cadenza.chain.outbox;

import io.cadenza.chain.leadership.AdvisoryLock;
import io.cadenza.chain.progress.Progress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.cadenza.chain.leadership.LeaderLoop;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an account's {@link TransactionSender} in the background, on the one instance that holds the account's
 * PostgreSQL advisory lock; the others stand by and take over when the holder's session ends.
 *
 * <p>A sender that cannot make progress says so, once, at ERROR, and in its {@link Progress} (which {@code /health}
 * and the gauge {@code cadenza.outbox.stalled} read): after {@value #STALLED_AFTER} failed passes in a row, or when
 * the account's oldest open intent has waited longer than the configured bound. It says so at INFO when it recovers.
 */
public final class TransactionSenderLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSenderLoop.class);
    /** Backoff of the signing half after failed passes in a row: 200 ms, doubling, at most 30 s. */
    static final IntervalFunction SIGNING_BACKOFF =
            IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2, Duration.ofSeconds(30));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Failed passes in a row, of the signing or the sending half, before the sender reports itself stalled. */
    static final int STALLED_AFTER = 8;
    /** How often the oldest open intent's age is looked at. */
    private static final Duration OLDEST_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final SenderPasses sender;
    private final Duration pollInterval;
    private final String name;
    private final LeaderLoop loop;
    private final Progress progress;
    private final OldestOpenIntent oldestOpen;
    private final Duration stalledAfter;
    private final Clock clock;
    private final IntervalFunction signingBackoff;
    /** Failed passes in a row, per half: a signing half failing every time stalls the sender however sending goes. */
    private final AtomicInteger signingFailures = new AtomicInteger();
    private final AtomicInteger sendingFailures = new AtomicInteger();
    private volatile long oldestCheckedAt;
    private volatile String waitingTooLong;

    /** What the loop asks about the account's oldest open intent, if any is open. */
    @FunctionalInterface
    public interface OldestOpenIntent {
        Optional<OutboxStore.OpenIntent> find();
    }

    public TransactionSenderLoop(SenderPasses sender, DataSource dataSource, long chainId, Duration pollInterval) {
        this(sender, dataSource, chainId, pollInterval, progressOf(sender.account(), new SimpleMeterRegistry(),
                Clock.systemUTC()), Optional::empty, Duration.ofDays(365), Clock.systemUTC());
    }

    public TransactionSenderLoop(SenderPasses sender, DataSource dataSource, long chainId, Duration pollInterval,
            Progress progress, OldestOpenIntent oldestOpen, Duration stalledAfter, Clock clock) {
        this(sender, dataSource, chainId, pollInterval, progress, oldestOpen, stalledAfter, clock, SIGNING_BACKOFF);
    }

    /** With another backoff of the signing half (tests that fail it many times in a row). */
    TransactionSenderLoop(SenderPasses sender, DataSource dataSource, long chainId, Duration pollInterval,
            Progress progress, OldestOpenIntent oldestOpen, Duration stalledAfter, Clock clock,
            IntervalFunction signingBackoff) {
        this.signingBackoff = signingBackoff;
        this.sender = sender;
        this.pollInterval = pollInterval;
        this.progress = progress;
        this.oldestOpen = oldestOpen;
        this.stalledAfter = stalledAfter;
        this.clock = clock;
        this.name = "outbox-sender-" + sender.account();
        this.loop = new LeaderLoop(name,
                new AdvisoryLock("cadenza.chain.sender:" + chainId + ":" + sender.account()), dataSource, this::send);
    }

    /** The sender's progress as /health reads it, with its gauge {@code cadenza.outbox.stalled} on {@code account}. */
    public static Progress progressOf(String account, MeterRegistry registry, Clock clock) {
        return new Progress("cadenza.outbox.stalled", Tags.of("account", account), registry, clock);
    }

    public Progress progress() {
        return progress;
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
                SenderPass pass;
                try {
                    pass = sender.sendPass();
                } catch (Exception failure) {
                    failed(sendingFailures, "sending", failure);
                    throw failure;
                }
                passed(sendingFailures);
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
                    passed(signingFailures);
                    if (pass.idle()) {
                        Thread.sleep(pollInterval);
                    }
                } catch (InterruptedException interrupted) {
                    return;
                } catch (Exception failure) {
                    Duration backoff = Duration.ofMillis(signingBackoff.apply(++failuresInARow));
                    failed(signingFailures, "signing", failure);
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

    /** A pass failed: past {@value #STALLED_AFTER} in a row, the sender is stalled. */
    private void failed(AtomicInteger failures, String step, Exception failure) {
        int inARow = failures.incrementAndGet();
        if (inARow >= STALLED_AFTER) {
            stalled(step + " keeps failing (" + inARow + " passes in a row): " + failure);
        }
    }

    /**
     * A pass went through: the sender advances, unless its oldest open intent has waited too long (looked at every
     * few seconds, not every pass).
     */
    private void passed(AtomicInteger failures) {
        failures.set(0);
        if (signingFailures.get() >= STALLED_AFTER || sendingFailures.get() >= STALLED_AFTER) {
            return; // the other half still fails
        }
        long now = System.nanoTime();
        if (oldestCheckedAt == 0 || now - oldestCheckedAt >= OLDEST_CHECK_INTERVAL.toNanos()) {
            oldestCheckedAt = now;
            waitingTooLong = oldestOpen.find()
                    .filter(oldest -> Duration.between(oldest.createdAt(), clock.instant()).compareTo(stalledAfter) > 0)
                    .map(oldest -> "intent " + oldest.idempotencyKey() + " (" + oldest.purpose() + ", "
                            + oldest.status() + ") has been open since " + oldest.createdAt()
                            + (oldest.lastError() == null ? "" : "; last error: " + oldest.lastError()))
                    .orElse(null);
        }
        String waiting = waitingTooLong;
        if (waiting != null) {
            stalled(waiting);
            return;
        }
        progress.advanced().ifPresent(cleared -> LOG.info("outbox sender for {} advances again (stalled since {}: {})",
                sender.account(), cleared.since(), cleared.reason()));
    }

    private void stalled(String reason) {
        if (progress.stalled(reason, false)) {
            LOG.error("outbox sender for {} cannot make progress: {}", sender.account(), reason);
        }
    }
}
