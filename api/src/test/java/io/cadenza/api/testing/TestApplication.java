package io.cadenza.api.testing;

import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One running application per test JVM, on the shared PostgreSQL and Hardhat node and a Redis of its own, reached
 * over HTTP like any client. Test classes share it: each works with accounts and masters of its own.
 */
public final class TestApplication implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@cadenza.test";
    public static final String ADMIN_PASSWORD = "configured operator secret for tests";
    /** The configured admin's authenticator secret (base32), as an operator would provision it. */
    public static final String ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    public static final String SIWE_ORIGIN = "https://app.cadenza.test";
    public static final long AUDIO_BYTES_MAX = 8L * 1024 * 1024;
    public static final long COVER_BYTES_MAX = 64L * 1024;

    private final TestRedis redis;
    private final EmbeddedServer server;

    private TestApplication(TestRedis redis, EmbeddedServer server) {
        this.redis = redis;
        this.server = server;
    }

    static TestApplication start(TestServices services) {
        TestRedis redis = new TestRedis();
        try {
            Map<String, Object> properties = ExternalServices.properties(services, redis.uri());
            properties.put("cadenza.auth.admin-email", ADMIN_EMAIL);
            properties.put("cadenza.auth.admin-password", ADMIN_PASSWORD);
            properties.put("cadenza.auth.token-secret", "a test signing key of at least thirty-two bytes");
            properties.put("cadenza.wallets.siwe-origin", SIWE_ORIGIN);
            properties.put("cadenza.masters.audio-bytes-max", AUDIO_BYTES_MAX);
            // Every test class calls from 127.0.0.1: the limits themselves are tested on an application of their own.
            properties.put("cadenza.rate-limits.per-ip", 1_000_000);
            properties.put("cadenza.rate-limits.per-account", 1_000_000);
            properties.put("cadenza.rate-limits.credentials-per-ip", 1_000_000);
            properties.put("cadenza.events.streams-per-account", 1_000);
            // Quotas too: tests of the catalog make many masters and offerings; QuotasTest has an application of its own.
            properties.put("cadenza.quotas.masters-per-day", 1_000_000);
            properties.put("cadenza.quotas.open-offerings-per-master", 1_000);
            properties.put("cadenza.masters.cover-bytes-max", COVER_BYTES_MAX);
            // Distributions to several holders then take several projection passes: the resumption is exercised.
            properties.put("cadenza.events.projector.holders-per-pass", 1);
            properties.put(RecordingFileSync.ENABLED, true);
            // Distributions are advanced as often as JobRunr allows: tests wait for them.
            properties.put("cadenza.money.sweep-every", "5s");
            // BIP-39's public test vector: custody addresses nobody else uses on the test chain.
            properties.put("cadenza.custody.seed", "abandon abandon abandon abandon abandon abandon abandon abandon"
                    + " abandon abandon abandon about");
            properties.put("cadenza.ipfs.block-directory", java.nio.file.Files.createTempDirectory("cadenza-blocks").toString());
            return new TestApplication(redis, ApplicationContext.run(EmbeddedServer.class, properties));
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        } catch (java.io.IOException e) {
            redis.close();
            throw new java.io.UncheckedIOException(e);
        }
    }

    public URI uri() {
        return server.getURI();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public ApiClient client() {
        return new ApiClient(uri());
    }

    @Override
    public void close() {
        server.close();
        redis.close();
    }

    /** Injects the JVM-wide application into test constructors and methods. */
    public static final class Extension implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(TestApplication.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == TestApplication.class || type == TestServices.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            TestServices services = TestServicesExtension.services(context);
            if (parameter.getParameter().getType() == TestServices.class) {
                return services;
            }
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestApplication.class,
                    key -> start(services), TestApplication.class);
        }
    }
}
