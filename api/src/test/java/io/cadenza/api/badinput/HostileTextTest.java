package io.cadenza.api.badinput;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMedia;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Text that must be refused, not stored or crashed on: NUL bytes and other control characters, bidi overrides in
 * what reaches the NFT metadata, invisible and lookalike emails, fractional share counts, duplicate JSON keys. Each is
 * a 400 naming the field (or the body), never a 500; nothing of it is stored.
 */
@ExtendWith(TestApplication.Extension.class)
class HostileTextTest {
    private static final List<String> CONTROLS = List.of("\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085");

    private final ApiClient api;
    private final Session artist;

    HostileTextTest(TestApplication application) {
        this.api = application.client();
        this.artist = new CatalogFixtures(api).artist();
    }

    @Test
    void controlCharactersInJsonTextAreFieldErrorsNeverA500() {
        for (String control : CONTROLS) {
            String email = "a" + UUID.randomUUID() + control + "@example.test";
            assertField(api.post("/v1/accounts", object("email", email, "password", ApiClient.PASSWORD,
                    "role", "INVESTOR"), null), "email");
            assertField(api.post("/v1/accounts", object("email", unique(), "password",
                    ApiClient.PASSWORD + control, "role", "INVESTOR"), null), "password");
            assertField(api.post("/v1/sessions", object("email", email, "password", ApiClient.PASSWORD), null),
                    "email");
            assertField(api.post("/v1/sessions/refresh", object("refreshToken", "abc" + control), null),
                    "refreshToken");
        }
    }

    @Test
    void controlAndBidiCharactersInAMastersTextAreFieldErrors() {
        for (String hostile : List.of("\u0000", "\u0007", "\u202eevil", "\u2066x\u2069", "\u200f")) {
            Answer answer = api.upload("/v1/masters", master("Title " + hostile, "The Cadenzas"),
                    artist.accessToken(), Map.of());
            assertField(answer, "title");
            assertField(api.upload("/v1/masters", master("Title", "Artist " + hostile), artist.accessToken(),
                    Map.of()), "artistName");
        }
        assertThat(api.get("/v1/masters", artist.accessToken()).json().get("data")).as("nothing stored").isEmpty();
    }

    @Test
    void emailsAreNormalisedAndInvisibleOrDotlessOrLookalikeOnesRefused() {
        String local = "fan" + UUID.randomUUID().toString().substring(0, 8);
        // Full-width letters are the same email once NFKC-normalised.
        Answer created = api.post("/v1/accounts", object("email", local + "@ｅｘａｍｐｌｅ.test", "password",
                ApiClient.PASSWORD, "role", "INVESTOR"), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("email").asText()).isEqualTo(local + "@example.test");
        Answer again = api.post("/v1/accounts", object("email", local + "@example.test", "password",
                ApiClient.PASSWORD, "role", "INVESTOR"), null);
        assertThat(again.problemType()).isEqualTo("email-taken");

        for (String invisible : List.of("\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad")) {
            assertField(api.post("/v1/accounts", object("email", local + invisible + "@example.test", "password",
                    ApiClient.PASSWORD, "role", "INVESTOR"), null), "email");
        }
        assertField(api.post("/v1/accounts", object("email", "someone@localhost", "password", ApiClient.PASSWORD,
                "role", "INVESTOR"), null), "email");
        // Cyrillic а (U+0430) and е (U+0435) for Latin a and e: another account's email to the eye.
        String lookalike = local.replace('a', 'а').replace('e', 'е') + "@еxample.test";
        Answer spoof = api.post("/v1/accounts", object("email", lookalike, "password", ApiClient.PASSWORD,
                "role", "INVESTOR"), null);
        assertField(spoof, "email");
        assertThat(spoof.raw().body()).contains("looks like");
    }

    @Test
    void aFractionalShareCountIsRefusedNotTruncated() throws Exception {
        String masterId = new CatalogFixtures(api).registeredMaster(artist);
        String terms = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(CatalogFixtures.terms(10))
                .replace("\"totalShares\":10", "\"totalShares\":1.5");
        assertThat(terms).contains("1.5");
        assertField(api.post("/v1/masters/" + masterId + "/offerings", terms, artist.accessToken()), "totalShares");
        String huge = terms.replace("1.5", "1" + "0".repeat(40));
        assertField(api.post("/v1/masters/" + masterId + "/offerings", huge, artist.accessToken()), "totalShares");
        assertThat(api.get("/v1/masters/" + masterId + "/offerings", artist.accessToken()).json()).isEmpty();
    }

    @Test
    void duplicateJsonKeysAreRefused() {
        Answer answer = api.post("/v1/sessions", "{\"email\":\"a@example.test\",\"password\":\"x\","
                + "\"email\":\"admin@cadenza.test\"}", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.problemType()).isEqualTo("malformed-request");
        assertThat(answer.raw().body()).contains("email");
    }

    private static MultipartBody master(String title, String artistName) {
        return new MultipartBody().field("title", title).field("artistName", artistName)
                .field("isrc", CatalogFixtures.uniqueIsrc()).field("releaseDate", "2026-05-01")
                .field("royaltySharePercent", "20").file("audio", "a.wav", "audio/wav", TestMedia.wav(500, 3));
    }

    private static String unique() {
        return "hostile-" + UUID.randomUUID() + "@example.test";
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.problemType()).as(answer.toString()).isEqualTo("validation");
        assertThat(answer.json().get("errors").findValuesAsText("field")).as(answer.toString()).contains(field);
    }
}
