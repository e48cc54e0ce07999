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
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed requests to the endpoints whose own tests cover only their happy paths and main refusals: each answers a
 * problem with a stable type and, where a field is at fault, names it. Nothing of them is stored.
 */
@ExtendWith(TestApplication.Extension.class)
class BadInputTest {
    private final ApiClient api;
    private final Session investor;
    private final Session admin;

    BadInputTest(TestApplication application) {
        this.api = application.client();
        this.investor = api.signUp("INVESTOR");
        this.admin = api.admin();
    }

    @Test
    void sessionRequestsWithMissingOrMalformedFields() {
        assertField(api.post("/v1/sessions", object("password", "x"), null), "email");
        assertField(api.post("/v1/sessions/refresh", object(), null), "refreshToken");
        assertField(api.post("/v1/sessions/revoke", object("refreshToken", ""), null), "refreshToken");
        assertType(api.post("/v1/sessions", "[1,2", null), 400, "malformed-request");
        Answer wrongType = api.send(api.request("/v1/sessions", null).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("email=a")));
        assertType(wrongType, 415, "unsupported-media-type");
    }

    @Test
    void aCursorNamingAnOfferingTheCallerMayNotSeeIsRefusedLikeARandomOne() {
        CatalogFixtures catalog = new CatalogFixtures(api);
        ApiClient.Session artist = catalog.artist();
        String masterId = catalog.registeredMaster(artist);
        Answer created = api.post("/v1/masters/" + masterId + "/offerings", CatalogFixtures.terms(10),
                artist.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String hidden = io.cadenza.api.pagination.Cursor.encode(created.json().get("id").asText());
        String random = io.cadenza.api.pagination.Cursor.encode(UUID.randomUUID().toString());
        Answer naming = api.get("/v1/offerings?cursor=" + hidden, investor.accessToken());
        Answer guessing = api.get("/v1/offerings?cursor=" + random, investor.accessToken());
        assertField(naming, "cursor");
        assertField(guessing, "cursor");
        assertThat(naming.json().get("errors")).isEqualTo(guessing.json().get("errors"));
    }

    @Test
    void aJsonBodyOverTheBufferLimitIsRefusedUnread() {
        String huge = "x".repeat(2 * 1024 * 1024);
        Answer answer = api.post("/v1/accounts", object("email", "big@example.test", "password", huge,
                "role", "INVESTOR"), null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    }

    @Test
    void pathAndQueryParametersThatDoNotParse() {
        assertType(api.get("/v1/offerings/not-a-uuid", investor.accessToken()), 400, "malformed-request");
        assertType(api.get("/v1/offerings/" + UUID.randomUUID(), investor.accessToken()), 404, "not-found");
        assertField(api.get("/v1/offerings?limit=101", investor.accessToken()), "limit");
        assertField(api.get("/v1/offerings?cursor=%25%25%25", investor.accessToken()), "cursor");
        assertField(api.get("/v1/me/holdings?cursor=" + "bm90LWFuLWFkZHJlc3N8eA", investor.accessToken()),
                "cursor");
        assertField(api.get("/v1/me/dividends?limit=-1", investor.accessToken()), "limit");
        assertType(api.get("/v1/offerings/" + UUID.randomUUID() + "/cap-table", admin.accessToken()), 404,
                "not-found");
        assertField(api.get("/v1/admin/outbox?cursor=" + "eA", admin.accessToken()), "cursor");
    }

    @Test
    void ipfsGatewayRefusesWhatIsNotAPinnedCid() {
        assertField(api.get("/ipfs/QmNotBase32", null), "cid");
        assertField(api.get("/ipfs/bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e?format=zip", null),
                "format");
        // A valid CID nobody pinned here.
        assertType(api.get("/ipfs/bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", null), 404,
                "not-found");
    }

    @Test
    void eventsRefuseALastEventIdTheyDidNotSend() {
        Answer answer = api.send(api.request("/v1/events", investor.accessToken()).header("Last-Event-ID", "abc")
                .GET());
        assertField(answer, "Last-Event-ID");
    }

    @Test
    void anIdempotencyKeyMustBePrintableAndBounded() {
        Session artist = new CatalogFixtures(api).artist();
        for (String key : new String[] {"k".repeat(256), "has space"}) {
            MultipartBody upload = new MultipartBody().field("title", "T").field("artistName", "A")
                    .field("isrc", CatalogFixtures.uniqueIsrc()).field("releaseDate", "2026-01-01")
                    .field("royaltySharePercent", "1").file("audio", "a.wav", "audio/wav", TestMedia.wav(20, 3));
            assertField(api.upload("/v1/masters", upload, artist.accessToken(), Map.of("Idempotency-Key", key)),
                    "Idempotency-Key");
        }
        assertThat(api.get("/v1/masters", artist.accessToken()).json().get("data").size()).isZero();
    }

    @Test
    void adminRequestsWithBadFields() {
        assertField(api.post("/v1/admin/offerings/" + UUID.randomUUID() + "/allowlist",
                object("wallet", "0xnothex", "allowed", true), admin.accessToken()), "wallet");
        assertType(api.post("/v1/admin/offerings/" + UUID.randomUUID() + "/pause", object(), admin.accessToken()),
                404, "not-found");
        assertField(api.post("/v1/admin/accounts", object("email", "x@example.test", "password", ApiClient.PASSWORD,
                "role", "KING"), admin.accessToken()), null);
        assertType(api.post("/v1/masters/" + UUID.randomUUID() + "/retry", object(), admin.accessToken()), 404,
                "not-found");
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(answer.problemType()).isEqualTo("validation");
            assertThat(answer.json().get("errors").findValuesAsText("field")).as(answer.toString()).contains(field);
        }
    }

    private static void assertType(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.problemType()).isEqualTo(type);
    }
}
