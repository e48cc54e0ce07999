package io.cadenza.api.testing;

import static io.cadenza.api.testing.ApiClient.object;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Masters and offerings made through the API, for tests that start from one. */
public final class CatalogFixtures {
    public static final Duration CHAIN_WAIT = Duration.ofSeconds(45);
    public static final String PRICE_PER_SHARE = "2000000"; // 2 USD, 6 decimals

    private final ApiClient api;

    public CatalogFixtures(ApiClient api) {
        this.api = api;
    }

    /** An artist with a linked wallet. */
    public Session artist() {
        Session artist = api.signUp("ARTIST");
        api.linkWallet(artist, TestWallet.random());
        return artist;
    }

    public static String uniqueIsrc() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("QZ-%c%02d-26-%05d", (char) ('A' + random.nextInt(26)), random.nextInt(100),
                random.nextInt(100_000));
    }

    /** Uploads a master and waits until it is registered on chain; answers its id. */
    public String registeredMaster(Session artist) {
        Answer created = api.upload("/v1/masters", new MultipartBody().field("title", "Night Drive")
                .field("artistName", "The Cadenzas").field("isrc", uniqueIsrc()).field("releaseDate", "2026-05-01")
                .field("royaltySharePercent", "40").file("audio", "a.wav", "audio/wav", TestMedia.wav(100, 1)),
                artist.accessToken(), Map.of());
        if (created.status() != 201) {
            throw new IllegalStateException("upload failed: " + created);
        }
        String id = created.json().get("id").asText();
        await().atMost(CHAIN_WAIT).until(() -> api.get("/v1/masters/" + id, artist.accessToken()).json()
                .get("status").asText().equals("REGISTERED"));
        return id;
    }

    /** Terms of an offering open from an hour ago for 30 days (to the day, so that equal calls give equal bodies). */
    public static Object terms(long totalShares) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return object("totalShares", totalShares, "pricePerShareMinorUnits", PRICE_PER_SHARE,
                "saleStartsAt", now.minus(1, ChronoUnit.HOURS).toString(),
                "saleEndsAt", now.plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString());
    }

    /** Launches an offering of a new registered master and waits until it is LIVE; answers the offering. */
    public JsonNode liveOffering(Session artist, long totalShares) {
        String masterId = registeredMaster(artist);
        Answer created = api.post("/v1/masters/" + masterId + "/offerings", terms(totalShares),
                artist.accessToken());
        if (created.status() != 201) {
            throw new IllegalStateException("offering failed: " + created);
        }
        return awaitOffering(created.json().get("id").asText(), artist, "LIVE");
    }

    public JsonNode awaitOffering(String offeringId, Session session, String status) {
        await().atMost(CHAIN_WAIT).until(() -> api.get("/v1/offerings/" + offeringId, session.accessToken()).json()
                .get("status").asText().equals(status));
        return api.get("/v1/offerings/" + offeringId, session.accessToken()).json();
    }
}
