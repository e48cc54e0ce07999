package io.cadenza.api.ratelimit;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rate limits per IP, per account and on credentials, counted in Redis; CORS for the configured origins only. */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitAndCorsTest {
    private TestRedis redis;
    private EmbeddedServer server;
    private ApiClient api;

    @BeforeAll
    void start(TestServices services) throws java.io.IOException {
        redis = new TestRedis();
        server = ExternalServices.application(services, redis.uri(), Map.of(
                "cadenza.rate-limits.per-ip", 8,
                "cadenza.rate-limits.per-account", 5,
                "cadenza.rate-limits.credentials-per-ip", 3,
                "cadenza.rate-limits.window", "1h",
                "cadenza.rate-limits.trust-forwarded-for", true,
                "cadenza.cors.allowed-origins", "https://app.example,https://admin.example"));
        api = new ApiClient(server.getURI());
    }

    @AfterAll
    void stop() {
        server.close();
        redis.close();
    }

    @Test
    void anIpOverItsLimitIsToldWhenToRetryAndOtherIpsAreNot() {
        for (int request = 0; request < 8; request++) {
            Answer answer = get("/v1/me", "203.0.113.1", null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        }
        Answer limited = get("/v1/me", "203.0.113.1", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.problemType()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(get("/v1/me", "203.0.113.2", null).status()).isEqualTo(401);
    }

    @Test
    void credentialsAreLimitedMoreTightly() {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(post("/v1/sessions", "198.51.100.7").status()).isEqualTo(401);
        }
        assertThat(post("/v1/sessions", "198.51.100.7").status()).isEqualTo(429);
    }

    /**
     * Every spelling of a credential route that the router takes to the same action counts against the tight limit:
     * the limit follows the matched action, not the path's text. Spellings the router refuses (404) are no way round.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/v1/sessions/", "/v1//sessions", "//v1/sessions",
            "/V1/SESSIONS", "/v1/sessions/refresh/", "/v1/sessions//refresh", "/v1/Sessions/Refresh",
            "/v1/accounts/", "/v1//accounts", "/V1/Accounts"})
    void everySpellingOfACredentialRouteGetsItsTightLimit(String spelling) {
        String ip = "198.51.100." + (20 + Math.abs(spelling.hashCode() % 200));
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            statuses.add(postRaw(spelling, ip).status());
        }
        if (statuses.getFirst() == 404) {
            assertThat(statuses).as(spelling + " is not routed, every time").containsOnly(404);
        } else {
            assertThat(statuses.subList(0, 3)).as(spelling).doesNotContain(429, 404, 405);
            assertThat(statuses.getLast()).as(spelling).isEqualTo(429);
        }
    }

    @Test
    void theTrailingSlashSpellingsAreRoutedAndLimited() {
        // The spellings the review found: routed to the same actions, so the parameterised test above must not skip.
        for (String spelling : List.of("/v1/sessions/", "/v1/accounts/", "/v1/sessions/refresh/")) {
            assertThat(postRaw(spelling, "198.51.100.250").status()).as(spelling).isNotIn(404, 405);
        }
    }

    /** POSTs to exactly {@code path}, not resolved against the base (a leading "//" would name a host). */
    private Answer postRaw(String path, String ip) {
        return api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURI() + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", ip)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"nobody@example.test\",\"password\":\"not a real password\"}")));
    }

    @Test
    void anAccountIsLimitedWhereverItCallsFrom() {
        ApiClient.Session session = signUpFrom("192.0.2.50");
        for (int request = 0; request < 5; request++) {
            assertThat(get("/v1/me", "192.0.2." + request, session.accessToken()).status()).isEqualTo(200);
        }
        assertThat(get("/v1/me", "192.0.2.99", session.accessToken()).status()).isEqualTo(429);
    }

    @Test
    void corsAnswersTheConfiguredOriginsAndRefusesOthers() {
        Answer allowed = api.send(api.request("/v1/offerings", null).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .header("X-Forwarded-For", "192.0.2.200")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        Answer refused = api.send(api.request("/v1/offerings", null).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .header("X-Forwarded-For", "192.0.2.201")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }

    private Answer get(String path, String ip, String token) {
        return api.send(api.request(path, token).header("X-Forwarded-For", ip).GET());
    }

    private Answer post(String path, String ip) {
        return api.post(path, object("email", "nobody@example.test", "password", "not a real password"), null,
                Map.of("X-Forwarded-For", ip));
    }

    private ApiClient.Session signUpFrom(String ip) {
        String email = "limited-" + java.util.UUID.randomUUID() + "@example.test";
        api.post("/v1/accounts", object("email", email, "password", ApiClient.PASSWORD, "role", "INVESTOR"), null,
                Map.of("X-Forwarded-For", ip));
        Answer login = api.post("/v1/sessions", object("email", email, "password", ApiClient.PASSWORD), null,
                Map.of("X-Forwarded-For", ip + "1"));
        return new ApiClient.Session(null, email, "INVESTOR", login.json().get("accessToken").asText(),
                login.json().get("refreshToken").asText());
    }
}
