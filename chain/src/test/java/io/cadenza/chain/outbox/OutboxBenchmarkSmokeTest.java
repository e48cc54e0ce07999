package io.cadenza.chain.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox benchmark at a smoke size, so that its own checks (every intent confirmed) cannot rot between runs. */
@ExtendWith(TestServicesExtension.class)
class OutboxBenchmarkSmokeTest {
    @Test
    void theBenchmarkRunsAtASmokeSizeAndEveryIntentIsConfirmed(TestServices services) throws Exception {
        JsonNode result = new ObjectMapper().readTree(
                OutboxBenchmark.run(services, new OutboxBenchmark.Settings(20, 150, 1)));
        assertThat(result.get("benchmark").asText()).isEqualTo("outbox");
        assertThat(result.get("intents").asInt()).isEqualTo(150);
        assertThat(result.get("batchSize").asInt()).isEqualTo(OutboxConfiguration.defaults().batchSizeMax());
        assertThat(result.get("outboxConfirmedPerSecond").asDouble()).isPositive();
        assertThat(result.get("rawBatchedTxPerSecond").asDouble()).isPositive();
    }
}
