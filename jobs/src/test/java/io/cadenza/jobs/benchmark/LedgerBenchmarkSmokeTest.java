package io.cadenza.jobs.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ledger benchmark at a smoke size, so that its own checks (the bulk load balanced with right running balances,
 * every kept balance equal to its postings' sum) cannot rot between the runs that measure.
 */
@ExtendWith(TestServicesExtension.class)
class LedgerBenchmarkSmokeTest {
    @Test
    void theBenchmarkRunsAtASmokeSize(TestServices services) throws Exception {
        JsonNode result = new ObjectMapper().readTree(LedgerBenchmark.run(services,
                new LedgerBenchmark.Settings(3_000, 100, 2, 20_000, 50, 200)));
        assertThat(result.get("benchmark").asText()).isEqualTo("ledger");
        assertThat(result.get("postingsPerSecond").asDouble()).isPositive();
        assertThat(result.get("reads").asInt()).isEqualTo(200);
    }
}
