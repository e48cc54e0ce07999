package io.cadenza.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.api.testing.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upload benchmark at a smoke size against the test application, so that its own checks (a 201 carrying the CID
 * of the bytes sent, streamed by the client as generated) cannot rot between the runs that measure.
 */
@ExtendWith(TestApplication.Extension.class)
class UploadBenchmarkSmokeTest {
    @Test
    void theBenchmarkUploadsAtASmokeSizeAndTheCidIsThatOfTheBytesSent(TestApplication application) throws Exception {
        long bytes = 3L * 1024 * 1024 + 17; // a dozen leaves and a partial one, under the test application's bound
        JsonNode result = new ObjectMapper().readTree(UploadBenchmark.run(application.uri(), bytes, "as tested"));
        assertThat(result.get("benchmark").asText()).isEqualTo("upload");
        assertThat(result.get("bytes").asLong()).isEqualTo(bytes);
        assertThat(result.get("audioCid").asText()).startsWith("bafy");
        assertThat(result.get("heapMaxMiB").asDouble()).isPositive();
    }
}
