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

/**
 * An embedded Redis 7, started when cadenza.redis.uri is absent. In memory only. A {@link ProcessWatchdog} stops its
 * server if this JVM dies without stopping it (a child process outlives a JVM killed with {@code kill -9}).
 */
@Singleton
@Requires(missingProperty = "cadenza.redis.uri")
public class EmbeddedRedisService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisService.class);

    private final RedisServer server;
    private final int port;
    private final ProcessWatchdog watchdog;

    public EmbeddedRedisService() {
        port = freePort();
        server = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                // In memory only: the dev stack's state is as temporary as its database and chain.
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        java.util.Set<Long> before = childPids();
        server.start();
        try {
            long redis = childPids().stream().filter(pid -> !before.contains(pid))
                    .filter(pid -> ProcessHandle.of(pid).flatMap(child -> child.info().command())
                            .map(command -> command.contains("redis")).orElse(false))
                    .findFirst()
                    .orElseThrow(() -> new IOException("the embedded Redis server's process is not visible"));
            watchdog = ProcessWatchdog.guard(redis, "TERM", null);
        } catch (IOException failure) {
            server.stop();
            throw new UncheckedIOException("guarding the embedded Redis", failure);
        }
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
        watchdog.close();
        server.stop();
        LOG.info("dev service: embedded Redis stopped");
    }

    private static java.util.Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException("finding a free port for Redis", failure);
        }
    }
}
