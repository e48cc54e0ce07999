package io.cadenza.api.events;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.OwnApplication;
import io.cadenza.api.testing.SseStream;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An event stream lives no longer than its login and its token: a logout (or logout everywhere) and the token's
 * expiry end it with a last {@code session-ended} event saying why. An account opens at most a configured number of
 * streams at once; a closed one gives its slot back.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamSessionsTest {
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);

    private OwnApplication application;
    private ApiClient api;
    private URI events;

    @BeforeAll
    void start(TestServices services) throws java.io.IOException {
        application = OwnApplication.start(services, Map.of(
                "cadenza.auth.access-token-lifetime", TOKEN_LIFETIME.toSeconds() + "s",
                "cadenza.events.streams-per-account", 2));
        api = application.api();
        events = application.server().getURI().resolve("/v1/events");
    }

    @AfterAll
    void stop() {
        application.close();
    }

    @Test
    void aLogoutEndsTheLoginsOpenStreams() {
        Session session = api.signUp("INVESTOR");
        try (SseStream stream = new SseStream(events, session.accessToken(), null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.status() == 200);
            assertThat(api.post("/v1/sessions/revoke", object("refreshToken", session.refreshToken()), null)
                    .status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).until(stream::ended);
            assertThat(stream.names()).containsExactly("session-ended");
            assertThat(stream.events().getLast().data()).isEqualTo("{\"reason\":\"logged-out\"}");
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        Session session = api.signUp("INVESTOR");
        long opened = System.nanoTime();
        try (SseStream stream = new SseStream(events, session.accessToken(), null)) {
            await().atMost(TOKEN_LIFETIME.plusSeconds(10)).until(stream::ended);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(TOKEN_LIFETIME.plusSeconds(5));
            assertThat(stream.events().getLast().name()).isEqualTo("session-ended");
            assertThat(stream.events().getLast().data()).isEqualTo("{\"reason\":\"token-expired\"}");
        }
    }

    @Test
    void anAccountOpensAtMostTheConfiguredStreamsAndAClosedOneGivesItsSlotBack() {
        Session session = api.signUp("INVESTOR");
        String token = api.login(session.email(), ApiClient.PASSWORD).accessToken();
        try (SseStream first = new SseStream(events, token, null);
                SseStream second = new SseStream(events, token, null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> first.status() == 200 && second.status() == 200);
            ApiClient.Answer third = api.get("/v1/events", token);
            assertThat(third.status()).as(third.toString()).isEqualTo(429);
            assertThat(third.problemType()).isEqualTo("too-many-streams");
            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (SseStream again = new SseStream(events, token, null)) {
                    await().atMost(Duration.ofSeconds(3)).until(() -> again.status() != 0);
                    return again.status() == 200;
                }
            });
        }
    }
}
