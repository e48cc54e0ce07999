package io.cadenza.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.SseStream;
import io.cadenza.api.testing.TestApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A stream whose client goes away gives back what it held: its wake-up subscription, its heartbeat timer. */
@ExtendWith(TestApplication.Extension.class)
class EventStreamLifecycleTest {
    @Test
    void streamsClosedByTheirClientsAreReleased(TestApplication application) throws Exception {
        AccountEventBus bus = application.context().getBean(AccountEventBus.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.openStreams() == 0); // other tests' streams gone
        Session investor = application.client().signUp("INVESTOR");

        for (int round = 0; round < 3; round++) {
            List<SseStream> streams = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                streams.add(new SseStream(application.uri().resolve("/v1/events"), investor.accessToken(), null));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> bus.openStreams() == 10);
            streams.forEach(SseStream::close);
            await().atMost(Duration.ofSeconds(10)).until(() -> bus.openStreams() == 0);
        }
        String scraped = application.client().get("/prometheus", null).raw().body();
        assertThat(scraped).containsPattern("cadenza_events_streams \\d");
    }
}
