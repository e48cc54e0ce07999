package io.cadenza.api.scheduling;

import io.micronaut.scheduling.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background pass run with a fixed delay, owned by the bean that runs it: started when the bean is, and cancelled
 * when it is destroyed. (Micronaut's {@code @Scheduled} looks its bean up at every run, and during shutdown that
 * recreates beans whose database is already closed.)
 */
public final class FixedDelayTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FixedDelayTask.class);

    private final ScheduledFuture<?> future;

    public FixedDelayTask(TaskScheduler scheduler, String name, Duration initialDelay, Duration delay, Runnable pass) {
        this.future = scheduler.scheduleWithFixedDelay(initialDelay, delay, () -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed; the next pass retries", name, e);
            }
        });
    }

    @Override
    public void close() {
        future.cancel(false);
    }
}
