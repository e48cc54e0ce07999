package io.cadenza.api.authorization;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMedia;
import io.cadenza.api.testing.TestWallet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint × every kind of caller (anonymous, the owning artist, another artist, an investor, an admin), with a
 * valid request, so that the status says what the caller may do and nothing else. One dynamic test per cell.
 */
@ExtendWith(TestApplication.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    enum Caller { ANONYMOUS, OWNER, OTHER_ARTIST, INVESTOR, ADMIN }

    private record Cell(Caller caller, int status) {}

    /** One endpoint: how to call it as a caller, and what each caller gets. */
    private record Route(String name, Function<Caller, HttpRequest.Builder> request, Map<Caller, Integer> expected,
            List<String> audited) {
        /** The audit entries the admin's call must append (one each), in the action's transaction. */
        Route audited(String... actions) {
            return new Route(name, request, expected, List.of(actions));
        }
    }

    private ApiClient api;
    private final Map<Caller, Session> sessions = new EnumMap<>(Caller.class);
    private String masterId;
    private String offeringId;
    private String metadataCid;

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller(TestApplication application) {
        api = application.client();
        CatalogFixtures catalog = new CatalogFixtures(api);
        sessions.put(Caller.OWNER, catalog.artist());
        sessions.put(Caller.OTHER_ARTIST, catalog.artist());
        sessions.put(Caller.INVESTOR, api.signUp("INVESTOR"));
        // A fresh login (its step-up lasts the whole matrix), which the matrix ends last (DELETE /v1/me/sessions).
        sessions.put(Caller.ADMIN, api.adminLogin());
        JsonNode offering = catalog.liveOffering(sessions.get(Caller.OWNER), 100);
        offeringId = offering.get("id").asText();
        masterId = offering.get("masterId").asText();
        // The matrix creates an offering of this master per caller allowed to: room for them beside the live one.
        api.post("/v1/admin/masters/" + masterId + "/offering-limit", object("limit", 100),
                sessions.get(Caller.ADMIN).accessToken());
        metadataCid = api.get("/v1/masters/" + masterId, sessions.get(Caller.OWNER).accessToken()).json()
                .get("metadata").get("cid").asText();

        List<Route> routes = new ArrayList<>();
        Map<Caller, Integer> anyone = expect(200, 200, 200, 200, 200);
        Map<Caller, Integer> signedIn = expect(401, 200, 200, 200, 200);
        routes.add(route("POST /v1/accounts", caller -> json("POST", "/v1/accounts", object("email", unique(),
                "password", ApiClient.PASSWORD, "role", "INVESTOR")), expect(201, 201, 201, 201, 201)));
        // Signing in is for whoever holds the credentials, signed in already or not: each caller with its own.
        Session notSignedIn = api.signUp("INVESTOR");
        routes.add(route("POST /v1/sessions", caller -> json("POST", "/v1/sessions", credentials(caller,
                notSignedIn)), expect(200, 200, 200, 200, 200)));
        routes.add(route("GET /v1/me", caller -> get("/v1/me"), signedIn));
        routes.add(route("GET /v1/me/wallets", caller -> get("/v1/me/wallets"), signedIn));
        routes.add(route("POST /v1/wallets/challenge", caller -> json("POST", "/v1/wallets/challenge",
                object("address", TestWallet.random().address())), expect(401, 201, 201, 201, 201)));
        routes.add(route("GET /v1/me/holdings", caller -> get("/v1/me/holdings"), signedIn));
        routes.add(route("GET /v1/me/dividends", caller -> get("/v1/me/dividends"), signedIn));
        routes.add(route("POST /v1/admin/accounts", caller -> json("POST", "/v1/admin/accounts", object("email",
                unique(), "password", ApiClient.PASSWORD, "role", "ADMIN")), expect(401, 403, 403, 403, 201))
                .audited("account.create"));
        Session roleHolder = api.signUp("INVESTOR");
        routes.add(route("POST /v1/admin/accounts/{id}/role", caller -> json("POST", "/v1/admin/accounts/"
                + roleHolder.id() + "/role", object("role", "INVESTOR")), expect(401, 403, 403, 403, 200))
                .audited("account.role.change"));
        routes.add(route("DELETE /v1/admin/accounts/{id}/two-factor", caller -> api.request("/v1/admin/accounts/"
                + roleHolder.id() + "/two-factor", null).DELETE(), expect(401, 403, 403, 403, 409)));
        routes.add(route("GET /v1/admin/audit", caller -> get("/v1/admin/audit"), expect(401, 403, 403, 403, 200)));
        routes.add(route("GET /v1/admin/audit/export", caller -> get("/v1/admin/audit/export?action=account.create"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("POST /v1/me/two-factor", caller -> json("POST", "/v1/me/two-factor", object()),
                expect(401, 200, 200, 200, 409)));
        routes.add(route("POST /v1/me/two-factor/confirm", caller -> json("POST", "/v1/me/two-factor/confirm",
                object("code", "000000")), expect(401, 401, 401, 401, 409)));
        routes.add(route("POST /v1/me/two-factor/disable", caller -> json("POST", "/v1/me/two-factor/disable",
                object("code", "000000")), expect(401, 401, 401, 401, 401)));
        routes.add(route("POST /v1/sessions/step-up", caller -> json("POST", "/v1/sessions/step-up", object("code",
                caller == Caller.ADMIN ? api.code(TestApplication.ADMIN_EMAIL) : "000000")),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("POST /v1/password-resets", caller -> json("POST", "/v1/password-resets", object("email",
                unique())), expect(202, 202, 202, 202, 202)));
        routes.add(route("POST /v1/password-resets/confirm", caller -> json("POST", "/v1/password-resets/confirm",
                object("token", "x".repeat(43), "password", ApiClient.PASSWORD)), expect(400, 400, 400, 400, 400)));
        routes.add(route("POST /v1/magic-links", caller -> json("POST", "/v1/magic-links", object("email", unique())),
                expect(202, 202, 202, 202, 202)));
        routes.add(route("POST /v1/sessions/magic-link", caller -> json("POST", "/v1/sessions/magic-link",
                object("token", "x".repeat(43))), expect(400, 400, 400, 400, 400)));
        routes.add(route("POST /v1/email-verifications", caller -> json("POST", "/v1/email-verifications",
                object("token", "x".repeat(43))), expect(400, 400, 400, 400, 400)));
        routes.add(route("POST /v1/me/email-verification", caller -> json("POST", "/v1/me/email-verification",
                object()), expect(401, 202, 202, 202, 202)));
        routes.add(route("POST /v1/me/magic-link", caller -> json("POST", "/v1/me/magic-link", object("enabled",
                false)), expect(401, 200, 200, 200, 200)));
        routes.add(route("DELETE /v1/admin/accounts/{id}/login-lockout", caller -> api.request(
                "/v1/admin/accounts/" + notSignedIn.id() + "/login-lockout", null).DELETE(),
                expect(401, 403, 403, 403, 204)).audited("account.login-lockout.clear"));
        routes.add(route("POST /v1/isrc-disputes", caller -> json("POST", "/v1/isrc-disputes", object("isrc",
                "QZ-ZZZ-26-99999", "claim", "mine")), expect(401, 404, 404, 403, 403)));
        routes.add(route("GET /v1/isrc-disputes", caller -> get("/v1/isrc-disputes"),
                expect(401, 200, 200, 403, 403)));
        routes.add(route("GET /v1/admin/isrc-disputes", caller -> get("/v1/admin/isrc-disputes"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("POST /v1/admin/isrc-disputes/{id}/decision", caller -> json("POST",
                "/v1/admin/isrc-disputes/" + UUID.randomUUID() + "/decision", object("uphold", false, "reason", "x")),
                expect(401, 403, 403, 403, 404)));
        Session reviewed = api.signUpUnreviewed("ARTIST");
        routes.add(route("GET /v1/admin/artists", caller -> get("/v1/admin/artists"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("POST /v1/admin/artists/{id}/review", caller -> json("POST", "/v1/admin/artists/"
                + reviewed.id() + "/review", object("approved", true)), expect(401, 403, 403, 403, 200))
                .audited("artist.review"));
        routes.add(route("POST /v1/admin/masters/{id}/offering-limit", caller -> json("POST",
                "/v1/admin/masters/" + masterId + "/offering-limit", object("limit", 100)),
                expect(401, 403, 403, 403, 200)).audited("master.offering-limit"));
        routes.add(route("POST /v1/masters", caller -> upload(), expect(401, 201, 201, 403, 403)));
        routes.add(route("GET /v1/masters", caller -> get("/v1/masters"), expect(401, 200, 200, 403, 403)));
        routes.add(route("GET /v1/masters/{id}", caller -> get("/v1/masters/" + masterId),
                expect(401, 200, 404, 403, 200)));
        routes.add(route("POST /v1/masters/{id}/retry", caller -> json("POST", "/v1/masters/" + masterId + "/retry",
                object()), expect(401, 200, 404, 403, 200)));
        routes.add(route("GET /v1/masters/{id}/offerings", caller -> get("/v1/masters/" + masterId + "/offerings"),
                expect(401, 200, 404, 403, 200)));
        routes.add(route("POST /v1/masters/{id}/offerings", caller -> json("POST", "/v1/masters/" + masterId
                + "/offerings", CatalogFixtures.terms(10)), expect(401, 201, 404, 403, 403)));
        routes.add(route("GET /v1/offerings", caller -> get("/v1/offerings"), signedIn));
        routes.add(route("GET /v1/offerings/{id}", caller -> get("/v1/offerings/" + offeringId), signedIn));
        routes.add(route("GET /v1/offerings/{id}/cap-table", caller -> get("/v1/offerings/" + offeringId
                + "/cap-table"), expect(401, 200, 404, 403, 200)));
        routes.add(route("GET /v1/events", caller -> get("/v1/events"), signedIn));
        routes.add(route("POST /v1/admin/offerings/{id}/allowlist", caller -> json("POST", "/v1/admin/offerings/"
                + offeringId + "/allowlist", object("wallet", TestWallet.random().address(), "allowed", false)),
                expect(401, 403, 403, 403, 202)).audited("offering.allowlist", "chain.intent.submit"));
        routes.add(route("POST /v1/admin/offerings/{id}/unpause", caller -> json("POST", "/v1/admin/offerings/"
                + offeringId + "/unpause", object()), expect(401, 403, 403, 403, 202))
                .audited("offering.unpause", "chain.intent.submit"));
        routes.add(route("GET /v1/admin/outbox", caller -> get("/v1/admin/outbox"), expect(401, 403, 403, 403, 200)));
        routes.add(route("GET /v1/admin/gas-spending", caller -> get("/v1/admin/gas-spending"),
                expect(401, 403, 403, 403, 200)));
        String noStatement = "/v1/admin/royalty-statements/" + UUID.randomUUID();
        routes.add(route("POST /v1/admin/royalty-statements", caller -> json("POST", "/v1/admin/royalty-statements",
                object("source", "Matrix", "periodStart", "2026-10", "lines", List.of(object("masterId",
                        UUID.randomUUID(), "amount", 1, "currency", "USD")))), expect(401, 403, 403, 403, 201))
                .audited("royalty-statement.record"));
        routes.add(route("GET /v1/admin/royalty-statements", caller -> get("/v1/admin/royalty-statements"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("GET /v1/admin/royalty-statements/{id}", caller -> get(noStatement),
                expect(401, 403, 403, 403, 404)));
        routes.add(route("GET /v1/admin/royalty-statements/{id}/lines", caller -> get(noStatement + "/lines"),
                expect(401, 403, 403, 403, 404)));
        routes.add(route("POST /v1/admin/royalty-statements/{id}/lines/{n}/resolve", caller -> json("POST",
                noStatement + "/lines/1/resolve", object("masterId", UUID.randomUUID())),
                expect(401, 403, 403, 403, 404)));
        routes.add(route("POST /v1/admin/royalty-statements/{id}/lines/{n}/drop", caller -> json("POST",
                noStatement + "/lines/1/drop", object("reason", "x")), expect(401, 403, 403, 403, 404)));
        routes.add(route("POST /v1/admin/royalty-statements/{id}/approve", caller -> json("POST",
                noStatement + "/approve", object()), expect(401, 403, 403, 403, 404)));
        routes.add(route("POST /v1/admin/royalty-statements/{id}/reject", caller -> json("POST",
                noStatement + "/reject", object()), expect(401, 403, 403, 403, 404)));
        routes.add(route("GET /v1/admin/distributions", caller -> get("/v1/admin/distributions"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("GET /v1/admin/distributions/{id}", caller -> get("/v1/admin/distributions/"
                + UUID.randomUUID()), expect(401, 403, 403, 403, 404)));
        routes.add(route("POST /v1/admin/distributions/{id}/retry", caller -> json("POST", "/v1/admin/distributions/"
                + UUID.randomUUID() + "/retry", object()), expect(401, 403, 403, 403, 404)));
        routes.add(route("GET /v1/admin/ledger/accounts", caller -> get("/v1/admin/ledger/accounts"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("GET /v1/admin/ledger/entries", caller -> get("/v1/admin/ledger/entries"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("GET /v1/admin/ledger/entries/{id}", caller -> get("/v1/admin/ledger/entries/0"),
                expect(401, 403, 403, 403, 404)));
        routes.add(route("GET /v1/admin/ledger/history", caller -> get("/v1/admin/ledger/history?account=none"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("GET /v1/admin/offerings/{id}/dividends", caller -> get("/v1/admin/offerings/"
                + offeringId + "/dividends"), expect(401, 403, 403, 403, 200)));
        routes.add(route("POST /v1/me/custody", caller -> json("POST", "/v1/me/custody", object()),
                expect(401, 403, 403, 200, 403)));
        routes.add(route("GET /v1/me/royalties", caller -> get("/v1/me/royalties"), expect(401, 200, 200, 403, 403)));
        routes.add(route("GET /ipfs/{cid}", caller -> get("/ipfs/" + metadataCid), anyone));
        routes.add(route("GET /swagger/cadenza-v1.yml", caller -> get("/swagger/cadenza-v1.yml"), anyone));
        routes.add(route("GET /health", caller -> get("/health"), anyone));
        routes.add(route("GET /prometheus", caller -> get("/prometheus"), anyone));
        routes.add(route("GET /index-consistency", caller -> get("/index-consistency"),
                expect(401, 403, 403, 403, 200)));
        routes.add(route("DELETE /v1/me/sessions", caller -> api.request("/v1/me/sessions", null).DELETE(),
                expect(401, 204, 204, 204, 204)));

        return routes.stream().flatMap(route -> route.expected().entrySet().stream().map(cell ->
                DynamicTest.dynamicTest(route.name() + " as " + cell.getKey() + " → " + cell.getValue(),
                        () -> {
                            long before = newestAuditEntry(null);
                            assertThat(status(route, cell.getKey())).isEqualTo(cell.getValue());
                            if (cell.getKey() == Caller.ADMIN) {
                                for (String action : route.audited()) {
                                    assertThat(newestAuditEntry(action)).as("an %s entry by the admin", action)
                                            .isGreaterThan(before);
                                }
                            }
                        })));
    }

    /** The newest audit entry's number (of {@code action} by the matrix's admin, when given), read as an admin. */
    private long newestAuditEntry(String action) {
        String query = action == null ? "?limit=1"
                : "?limit=1&action=" + action + "&actor=" + sessions.get(Caller.ADMIN).id();
        JsonNode page = api.get("/v1/admin/audit" + query, api.admin().accessToken()).json().get("data");
        return page.isEmpty() ? 0 : page.get(0).get("seq").asLong();
    }

    private int status(Route route, Caller caller) throws Exception {
        HttpRequest.Builder request = route.request().apply(caller);
        Session session = sessions.get(caller);
        if (session != null) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        // Streams (SSE) stay open: only the status line is read.
        HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private static Route route(String name, Function<Caller, HttpRequest.Builder> request,
            Map<Caller, Integer> expected) {
        return new Route(name, request, expected, List.of());
    }

    private static Map<Caller, Integer> expect(int anonymous, int owner, int otherArtist, int investor, int admin) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(Caller.ANONYMOUS, anonymous);
        expected.put(Caller.OWNER, owner);
        expected.put(Caller.OTHER_ARTIST, otherArtist);
        expected.put(Caller.INVESTOR, investor);
        expected.put(Caller.ADMIN, admin);
        return expected;
    }

    private HttpRequest.Builder get(String path) {
        return api.request(path, null).GET();
    }

    private HttpRequest.Builder json(String method, String path, Object body) {
        try {
            return api.request(path, null).header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                            .writeValueAsString(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder upload() {
        MultipartBody body = new MultipartBody().field("title", "Matrix").field("artistName", "Cells")
                .field("isrc", CatalogFixtures.uniqueIsrc()).field("releaseDate", "2026-03-03")
                .field("royaltySharePercent", "5").file("audio", "a.wav", "audio/wav", TestMedia.wav(50, 5));
        return api.request("/v1/masters", null).header("Content-Type", body.contentType()).POST(body.publisher());
    }

    /** The caller's own email and password; for an anonymous caller, those of an account it is not signed in to. */
    private Object credentials(Caller caller, Session notSignedIn) {
        if (caller == Caller.ADMIN) {
            return object("email", TestApplication.ADMIN_EMAIL, "password", TestApplication.ADMIN_PASSWORD, "code",
                    api.code(TestApplication.ADMIN_EMAIL));
        }
        Session account = caller == Caller.ANONYMOUS ? notSignedIn : sessions.get(caller);
        return object("email", account.email(), "password", ApiClient.PASSWORD);
    }

    private static String unique() {
        return "matrix-" + java.util.UUID.randomUUID() + "@example.test";
    }
}
