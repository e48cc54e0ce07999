package io.cadenza.api.benchmark;

import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** The application as benchmarks run it: on embedded PostgreSQL, Redis and a Hardhat node, limits out of the way. */
final class BenchmarkApplication implements AutoCloseable {
    final TestServices services;
    final TestRedis redis;
    final EmbeddedServer server;

    BenchmarkApplication(Map<String, Object> overrides) throws IOException {
        services = TestServices.startForBenchmark();
        redis = new TestRedis();
        Map<String, Object> properties = ExternalServices.properties(services, redis.uri());
        properties.put("cadenza.auth.token-secret", "a benchmark signing key of at least thirty-two bytes");
        properties.put("cadenza.rate-limits.per-ip", 1_000_000_000);
        properties.put("cadenza.rate-limits.per-account", 1_000_000_000);
        properties.put("cadenza.quotas.masters-per-day", 1_000_000_000);
        properties.put("cadenza.quotas.bytes-stored", Long.MAX_VALUE / 2);
        properties.put("cadenza.quotas.open-offerings-per-master", 1_000);
        properties.put("cadenza.ipfs.block-directory", Files.createTempDirectory("bench-blocks").toString());
        properties.putAll(overrides);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @Override
    public void close() {
        server.close();
        redis.close();
        services.close();
    }
}
