package io.cadenza.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.TestApplication;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reads benchmark at a smoke size, so that its own checks (the seeded holding served, a full cap table page,
 * every answer a 200) cannot rot between the runs that measure; and a run that gets anything but 200s fails.
 */
@ExtendWith(TestApplication.Extension.class)
class ReadsBenchmarkSmokeTest {
    private static final ReadsBenchmark.Settings SMOKE = new ReadsBenchmark.Settings(1_000, 2, Duration.ofSeconds(1),
            Duration.ofSeconds(1), 20);

    @Test
    void theBenchmarkRunsAtASmokeSize() throws Exception {
        JsonNode result = new ObjectMapper().readTree(ReadsBenchmark.run(SMOKE));
        assertThat(result.get("benchmark").asText()).isEqualTo("reads");
        assertThat(result.get("holders").asInt()).isEqualTo(1_000);
        for (String endpoint : new String[] {"ping", "capTable", "capTableDeep", "holdings"}) {
            assertThat(result.get(endpoint).get("requests").asLong()).as(endpoint).isPositive();
        }
    }

    @Test
    void aRunThatGetsAnythingButA200Fails(TestApplication application) {
        Session investor = application.client().signUp("INVESTOR");
        assertThatThrownBy(() -> ReadsBenchmark.measure(SMOKE, "missing", application.uri(), investor.accessToken(),
                () -> "/v1/no-such-route")).hasMessageContaining("answers were not 200").hasMessageContaining("404");
    }
}
