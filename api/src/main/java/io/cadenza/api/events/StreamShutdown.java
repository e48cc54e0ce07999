package io.cadenza.api.events;

import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ends every open event stream when the application shuts down gracefully, with a last {@code shutdown} event that
 * tells its client to reconnect (to another instance, or this one restarted) with its Last-Event-ID: nothing is lost.
 * Without it the streams would hold the graceful shutdown for its whole grace period and then be cut.
 */
@Singleton
public class StreamShutdown implements GracefulShutdownCapable {
    private final Sinks.Empty<Void> closing = Sinks.empty();

    /** Completes when the application starts shutting down. */
    public Mono<Void> closing() {
        return closing.asMono();
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        closing.tryEmitEmpty();
        return CompletableFuture.completedFuture(null);
    }
}
