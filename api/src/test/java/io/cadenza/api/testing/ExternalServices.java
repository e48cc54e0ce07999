package io.cadenza.api.testing;

import io.cadenza.chain.testing.TestServices;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Configuration that points the application at services started by the test, as production points it at real ones. */
public final class ExternalServices {
    private ExternalServices() {}

    public static Map<String, Object> properties(TestServices services, URI redis, URI rpcUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("cadenza.database.url", services.jdbcUrl());
        properties.put("cadenza.redis.uri", redis.toString());
        properties.put("cadenza.redis.command-timeout", "500ms");
        properties.put("cadenza.chain.rpc-url", rpcUrl.toString());
        // Hardhat's public development key: the platform operator on test chains.
        properties.put("cadenza.chain.signer-key", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        return properties;
    }

    public static Map<String, Object> properties(TestServices services, URI redis) {
        return properties(services, redis, services.hardhatNode().rpcUrl());
    }

}
