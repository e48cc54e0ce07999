package io.cadenza.api.devservices;

import io.cadenza.api.redis.RedisEndpoint;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/** An embedded Redis 7, started when cadenza.redis.uri is absent. In memory only. */
@Singleton
@Requires(missingProperty = "cadenza.redis.uri")
public class EmbeddedRedisService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisService.class);

    private final RedisServer server;
    private final int port;

    public EmbeddedRedisService() {
        port = freePort();
        server = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                // In memory only: the dev stack's state is as temporary as its database and chain.
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        LOG.info("dev service: embedded Redis on 127.0.0.1:{}", port);
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint(URI.create("redis://127.0.0.1:" + port));
    }

    /** The embedded Redis's endpoint, preferred to the deployable's refusal to start without a URI. */
    @Factory
    static class Endpoint {
        @Singleton
        @Primary
        @Requires(missingProperty = "cadenza.redis.uri")
        RedisEndpoint embeddedRedis(EmbeddedRedisService redis) {
            return redis.endpoint();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        server.stop();
        LOG.info("dev service: embedded Redis stopped");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException("finding a free port for Redis", failure);
        }
    }
}
