package io.cadenza.api.devservices;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Stops a dev service's process when this JVM ends however it ends, {@code kill -9} included: a small bash process in
 * a session of its own reads this JVM's end of a pipe. A normal stop disarms it first; if the pipe closes without
 * that (the JVM died), it stops the process, forcibly after five seconds, and removes what the service left on disk.
 * (The Hardhat node has the same guard: see {@code HardhatNode}.)
 */
final class ProcessWatchdog implements AutoCloseable {
    private static final String DISARM = "disarm";

    private final Process watchdog;

    private ProcessWatchdog(Process watchdog) {
        this.watchdog = watchdog;
    }

    /**
     * Guards {@code pid}, stopped with {@code signal} (e.g. {@code INT}, PostgreSQL's fast shutdown);
     * {@code leftovers} is removed after it stopped, when given.
     */
    static ProcessWatchdog guard(long pid, String signal, @Nullable Path leftovers) throws IOException {
        String remove = leftovers == null ? "" : "rm -rf -- '" + leftovers.toAbsolutePath() + "'";
        String script = "read -r line; [ \"$line\" = " + DISARM + " ] && exit 0; "
                + "kill -" + signal + " " + pid + " 2>/dev/null; "
                + "for _ in $(seq 50); do kill -0 " + pid + " 2>/dev/null || break; sleep 0.1; done; "
                + "kill -KILL " + pid + " 2>/dev/null; " + remove;
        Process watchdog = new ProcessBuilder("setsid", "bash", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new ProcessWatchdog(watchdog);
    }

    /** The service stopped normally: the watchdog leaves without touching it. */
    @Override
    public void close() {
        try (OutputStream pipe = watchdog.getOutputStream()) {
            pipe.write((DISARM + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException gone) {
            // It has already left.
        }
    }
}
