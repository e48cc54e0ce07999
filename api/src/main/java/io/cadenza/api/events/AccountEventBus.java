package io.cadenza.api.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.cadenza.indexer.notify.RedisChangePublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wake-ups, from one Redis pattern subscription per instance: for open event streams, when an event is stored for
 * their account on any instance; for the chain event projector, when the indexer (wherever it leads) commits.
 */
@Singleton
@Bean(preDestroy = "close")
public class AccountEventBus implements AutoCloseable {
    private final StatefulRedisPubSubConnection<String, String> subscription;
    /** The indexer's channels: one message per committed batch or rollback. */
    private static final String INDEX_CHANNEL_PREFIX = RedisChangePublisher.CHANNEL_PREFIX;

    private final Sinks.Many<UUID> wakeups = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<String> indexChanges = Sinks.many().multicast().directBestEffort();

    public AccountEventBus(RedisClient redis, MeterRegistry meters) {
        Gauge.builder("cadenza.events.streams", this, AccountEventBus::openStreams)
                .description("event streams (SSE) open on this instance").register(meters);
        this.subscription = redis.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                if (channel.startsWith(INDEX_CHANNEL_PREFIX)) {
                    indexChanges.tryEmitNext(channel.substring(INDEX_CHANNEL_PREFIX.length()));
                    return;
                }
                try {
                    UUID account = UUID.fromString(channel.substring(AccountEvents.CHANNEL_PREFIX.length()));
                    wakeups.tryEmitNext(account);
                } catch (IllegalArgumentException ignored) {
                    // Not one of ours.
                }
            }
        });
        subscription.sync().psubscribe(AccountEvents.CHANNEL_PREFIX + "*", INDEX_CHANNEL_PREFIX + "*");
    }

    /** Signals each time an event is stored for the account, on any instance. */
    public Flux<UUID> wakeups(UUID account) {
        return wakeups.asFlux().filter(account::equals);
    }

    /** How many event streams wait for wake-ups here: one per open SSE connection. */
    public int openStreams() {
        return wakeups.currentSubscriberCount();
    }

    /** Signals each time the indexer commits or rolls back, on whichever instance leads it (the chain id). */
    public Flux<String> indexChanges() {
        return indexChanges.asFlux();
    }

    @Override
    @PreDestroy
    public void close() {
        subscription.close();
    }
}
