package io.cadenza.indexer.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The indexer benchmark at a smoke size, so that its own checks (every mined event projected, every backfill alike,
 * the index consistent with the chain) cannot rot between the runs that measure.
 */
@ExtendWith(TestServicesExtension.class)
class IndexerBenchmarkSmokeTest {
    @Test
    void theBenchmarkRunsAtASmokeSizeAndItsIndexIsTheChains(TestServices services) throws Exception {
        JsonNode result = new ObjectMapper().readTree(
                IndexerBenchmark.run(services, new IndexerBenchmark.Settings(2, 1, 5)));
        assertThat(result.get("benchmark").asText()).isEqualTo("indexer");
        assertThat(result.get("clones").asInt()).isEqualTo(4);
        assertThat(result.get("shareEvents").asLong()).isEqualTo(2 * 4_002);
        assertThat(result.get("tailSamples").asInt()).isEqualTo(5);
    }
}
