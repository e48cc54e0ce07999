package io.cadenza.api.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Bean;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wake-ups for open event streams: one Redis pattern subscription per instance, fanned out in memory to the streams
 * of the account an event was stored for, whichever instance stored it.
 */
@Singleton
@Bean(preDestroy = "close")
public class AccountEventBus implements AutoCloseable {
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final Sinks.Many<UUID> wakeups = Sinks.many().multicast().directBestEffort();

    public AccountEventBus(RedisClient redis) {
        this.subscription = redis.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                try {
                    UUID account = UUID.fromString(channel.substring(AccountEvents.CHANNEL_PREFIX.length()));
                    wakeups.tryEmitNext(account);
                } catch (IllegalArgumentException ignored) {
                    // Not one of ours.
                }
            }
        });
        subscription.sync().psubscribe(AccountEvents.CHANNEL_PREFIX + "*");
    }

    /** Signals each time an event is stored for the account, on any instance. */
    public Flux<UUID> wakeups(UUID account) {
        return wakeups.asFlux().filter(account::equals);
    }

    @Override
    @PreDestroy
    public void close() {
        subscription.close();
    }
}
