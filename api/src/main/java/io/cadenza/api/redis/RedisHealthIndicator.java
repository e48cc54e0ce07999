package io.cadenza.api.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/** UP when Redis answers PING. */
@Singleton
public class RedisHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final StatefulRedisConnection<String, String> connection;
    private final RedisEndpoint endpoint;

    public RedisHealthIndicator(StatefulRedisConnection<String, String> connection, RedisEndpoint endpoint) {
        this.connection = connection;
        this.endpoint = endpoint;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        String reply = connection.sync().ping();
        healthStatus = "PONG".equals(reply) ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("endpoint", endpoint.toString(), "ping", reply);
    }

    @Override
    protected String getName() {
        return "redis";
    }
}
