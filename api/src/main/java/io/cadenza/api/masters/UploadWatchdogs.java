package io.cadenza.api.masters;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The thread that watches uploads' bodies for idleness ({@link IdleBody}): a thread of its own, so that the
 * watchdog fires on time however busy the application's scheduled tasks are.
 */
@Singleton
class UploadWatchdogs implements AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("upload-watchdog").daemon(true).factory());

    ScheduledExecutorService executor() {
        return executor;
    }

    @Override
    @PreDestroy
    public void close() {
        executor.shutdownNow();
    }
}
