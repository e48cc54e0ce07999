package io.cadenza.api.masters;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request body that must keep arriving: when nothing has been read for {@code timeout}, a watchdog closes it,
 * which ends the read that waits on it, and the upload is refused as timed out ({@code 408}, connection closed).
 * Progress is any byte read; the watchdog looks once a second.
 */
final class IdleBody extends FilterInputStream {
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final long timeoutNanos;
    private final Duration timeout;
    private final ScheduledFuture<?> watchdog;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean timedOut;

    IdleBody(InputStream body, Duration timeout, ScheduledExecutorService watchdogs) {
        super(body);
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.watchdog = watchdogs.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = super.read(buffer, offset, length);
        } catch (IOException | RuntimeException failed) {
            if (timedOut) {
                throw refused();
            }
            throw failed;
        }
        if (timedOut) {
            throw refused();
        }
        if (read > 0) {
            lastProgress = System.nanoTime();
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        watchdog.cancel(false);
        super.close();
    }

    private void check() {
        if (!timedOut && System.nanoTime() - lastProgress > timeoutNanos) {
            timedOut = true;
            watchdog.cancel(false);
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // closing is only to wake the reader; it sees timedOut either way
            }
        }
    }

    private ProblemException refused() {
        return new ProblemException(ProblemType.REQUEST_TIMEOUT, "The upload sent nothing for " + timeout.toSeconds()
                + " s; it is refused. Send the body without pauses.").closingConnection();
    }
}
