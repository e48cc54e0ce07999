package io.cadenza.api.testing;

import io.cadenza.chain.testing.TestServices;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.util.Map;

/**
 * An application of a test class's own, in this JVM, with a Redis of its own and settings the shared one must not
 * have (tight limits, short lifetimes): see {@link ExternalServices#application}. Closed with its Redis.
 */
public record OwnApplication(TestRedis redis, EmbeddedServer server, ApiClient api) implements AutoCloseable {

    public static OwnApplication start(TestServices services, Map<String, Object> settings) throws IOException {
        TestRedis redis = new TestRedis();
        try {
            EmbeddedServer server = ExternalServices.application(services, redis.uri(), settings);
            return new OwnApplication(redis, server, new ApiClient(server.getURI()));
        } catch (IOException | RuntimeException failure) {
            redis.close();
            throw failure;
        }
    }

    @Override
    public void close() {
        server.close();
        redis.close();
    }
}
