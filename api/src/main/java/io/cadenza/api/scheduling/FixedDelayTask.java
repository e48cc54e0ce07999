package io.cadenza.api.scheduling;

import io.micronaut.scheduling.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background pass run with a fixed delay, owned by the bean that runs it: started when the bean is, and cancelled
 * when it is destroyed. (Micronaut's {@code @Scheduled} looks its bean up at every run, and during shutdown that
 * recreates beans whose database is already closed.)
 */
public final class FixedDelayTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FixedDelayTask.class);

    private final TaskScheduler scheduler;
    private final String name;
    private final Runnable pass;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledFuture<?> future;

    public FixedDelayTask(TaskScheduler scheduler, String name, Duration initialDelay, Duration delay, Runnable pass) {
        this.scheduler = scheduler;
        this.name = name;
        this.pass = pass;
        this.future = scheduler.scheduleWithFixedDelay(initialDelay, delay, this::runOnce);
    }

    /** Runs a pass now, besides the schedule: at most one runs at a time, and a trigger during a pass runs another. */
    public void trigger() {
        if (!closed.get()) {
            scheduler.schedule(Duration.ZERO, this::runOnce);
        }
    }

    private void runOnce() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                if (closed.get()) {
                    return;
                }
                pass.run();
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.warn("{} failed; the next pass retries", name, e);
        } finally {
            running.set(false);
        }
    }

    @Override
    public void close() {
        closed.set(true);
        future.cancel(false);
    }
}
