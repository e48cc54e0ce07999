package io.cadenza.api.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.cadenza.chain.config.MissingUrl;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

@Factory
public class RedisFactory {
    @Singleton
    @Requires(property = "cadenza.redis.uri")
    RedisEndpoint configuredRedis(RedisConfiguration configuration) {
        return new RedisEndpoint(configuration.uri());
    }

    /** Without a URI the deployable cannot start: the dev stack adds an embedded Redis, whose endpoint is primary. */
    @Singleton
    @Requires(missingProperty = "cadenza.redis.uri")
    RedisEndpoint missingRedis() {
        throw MissingUrl.of("cadenza.redis.uri", "CADENZA_REDIS_URI", "embedded Redis");
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    RedisClient redisClient(RedisEndpoint endpoint, RedisConfiguration configuration) {
        RedisURI uri = RedisURI.create(endpoint.uri());
        uri.setTimeout(configuration.commandTimeout());
        return RedisClient.create(uri);
    }

    /** Opened at start-up, so that an unreachable Redis fails the start rather than the first request. */
    @Context
    @Bean(preDestroy = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }
}
