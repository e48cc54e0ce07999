package io.cadenza.api.testing;

import io.cadenza.chain.testing.TestServices;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Configuration that points the application at services started by the test, as production points it at real ones. */
public final class ExternalServices {
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_DATABASE =
            new java.util.concurrent.atomic.AtomicInteger();

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
        // An admin, as production configures one: /health's details are for admins.
        properties.put("cadenza.auth.admin-email", TestApplication.ADMIN_EMAIL);
        properties.put("cadenza.auth.admin-password", TestApplication.ADMIN_PASSWORD);
        properties.put("cadenza.auth.admin-totp-secret", TestApplication.ADMIN_TOTP_SECRET);
        // Instances on one database share their secrets, as in production: two-factor secrets are sealed under it.
        properties.put("cadenza.auth.token-secret", "a test signing key of at least thirty-two bytes");
        properties.putAll(TestMail.properties());
        return properties;
    }

    /** A new, empty database in the JVM's PostgreSQL; answers its JDBC URL. */
    public static String freshDatabase(TestServices services) {
        String name = "app_" + ProcessHandle.current().pid() + "_" + NEXT_DATABASE.incrementAndGet();
        try (java.sql.Connection connection = services.dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("creating database " + name, e);
        }
        return services.jdbcUrl().replace("/postgres?", "/" + name + "?");
    }

    public static Map<String, Object> properties(TestServices services, URI redis) {
        return properties(services, redis, services.hardhatNode().rpcUrl());
    }

    /**
     * The settings of an application of a test's own: the shared chain, a database, a Redis and a block store of its
     * own, a fixed token secret (so that tokens outlive a restart of its process).
     */
    public static Map<String, Object> ownApplication(TestServices services, URI redis) throws java.io.IOException {
        Map<String, Object> properties = properties(services, redis);
        properties.put("cadenza.database.url", freshDatabase(services));
        properties.put("cadenza.auth.token-secret", "a test signing key of at least thirty-two bytes");
        properties.put("cadenza.ipfs.block-directory",
                java.nio.file.Files.createTempDirectory("blocks").toString());
        return properties;
    }

    /**
     * The settings of an application process of a test's own attached to the suite the shared application deployed
     * (a database and a Redis of its own, the same contracts): {@link #ownApplication} plus the deployment.
     */
    public static Map<String, Object> attachedApplication(TestServices services, URI redis,
            io.cadenza.chain.deployment.DeploymentManifest deployed) throws java.io.IOException {
        Map<String, Object> settings = ownApplication(services, redis);
        settings.put("cadenza.chain.deployment.master-registry", deployed.masterRegistry());
        settings.put("cadenza.chain.deployment.offering-factory", deployed.offeringFactory());
        settings.put("cadenza.chain.deployment.block", deployed.deploymentBlock());
        settings.put("cadenza.chain.stablecoin-address", deployed.stablecoin());
        return settings;
    }

    /**
     * An application of a test's own beside the shared one, on the same chain but with a database, a Redis and
     * settings of its own: instances that share a database must share their settings, as in production (an instance
     * pinning to another IPFS backend would move the other's masters along).
     */
    public static io.micronaut.runtime.server.EmbeddedServer application(TestServices services, URI redis,
            Map<String, Object> settings) throws java.io.IOException {
        Map<String, Object> properties = ownApplication(services, redis);
        properties.putAll(settings);
        return io.micronaut.context.ApplicationContext.run(io.micronaut.runtime.server.EmbeddedServer.class,
                properties);
    }

}
