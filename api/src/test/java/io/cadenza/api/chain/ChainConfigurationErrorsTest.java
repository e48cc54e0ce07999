package io.cadenza.api.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServicesExtension.class)
class ChainConfigurationErrorsTest {
    @Test
    void anRpcUrlWithoutASignerKeyFailsTheStartNamingTheSetting(TestServices services) {
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> properties = ExternalServices.properties(services, redis.uri());
            properties.remove("cadenza.chain.signer-key");
            Throwable failure = catchThrowable(() -> ApplicationContext.run(EmbeddedServer.class, properties).close());
            assertThat(stackTrace(failure)).contains("cadenza.chain.signer-key").contains("CADENZA_CHAIN_SIGNER_KEY");
        }
    }

    @Test
    void aMalformedSignerKeyFailsTheStartWithoutEchoingTheKey(TestServices services) {
        // A real key with a stray character is the likely mistake: the error must not print it.
        String malformed = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff8Z";
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> properties = ExternalServices.properties(services, redis.uri());
            properties.put("cadenza.chain.signer-key", malformed);
            Throwable failure = catchThrowable(() -> ApplicationContext.run(EmbeddedServer.class, properties).close());
            assertThat(failure).isNotNull();
            assertThat(stackTrace(failure)).contains("cadenza.chain.signer-key").contains("is malformed")
                    .doesNotContain(malformed.substring(2, 20));
        }
    }

    @Test
    void aNodeServingAnotherChainIdFailsTheStart(TestServices services) {
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> properties = ExternalServices.properties(services, redis.uri());
            properties.put("cadenza.chain.chain-id", 1);
            Throwable failure = catchThrowable(() -> ApplicationContext.run(EmbeddedServer.class, properties).close());
            assertThat(stackTrace(failure)).contains("serves chain 31337, not the configured chain 1");
        }
    }

    private static String stackTrace(Throwable failure) {
        assertThat(failure).as("the start should have failed").isNotNull();
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
