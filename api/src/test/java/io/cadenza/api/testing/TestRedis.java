package io.cadenza.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import redis.embedded.RedisServer;

/** A Redis server of a test's own, for tests that need to stop it. */
public final class TestRedis implements AutoCloseable {
    private final RedisServer server;
    private final int port;

    public TestRedis() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        server = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"").build();
        server.start();
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public void stop() {
        if (server.isActive()) {
            server.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
