package io.cadenza.api.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.TestApplication;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox's depth is on /prometheus, per open status, with the oldest open intent's age. */
@ExtendWith(TestApplication.Extension.class)
class OutboxMetricsTest {
    @Test
    void theOutboxDepthIsScraped(TestApplication application) throws Exception {
        application.context().getBean(OutboxMetrics.class).refresh();
        String scraped = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(application.uri().resolve("/prometheus")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
        for (String status : new String[] {"PENDING", "SIGNED", "BROADCAST", "MINED"}) {
            assertThat(scraped).containsPattern("cadenza_outbox_open\\{status=\"" + status + "\"\\} \\d+");
        }
        assertThat(scraped).containsPattern("cadenza_outbox_oldest_open_seconds \\d+");
    }
}
