package io.cadenza.api;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.ChainActions;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.SseStream;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMedia;
import io.cadenza.api.testing.TestWallet;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole journey through HTTP, as a front end drives it (the one step outside the API is the investor's own wallet
 * buying on chain): sign up an artist and an investor, link wallets, upload a master, launch an offering, buy, and
 * see the holding, the dividend and both people's live events, resumed after a reconnect without loss or repeat.
 */
@ExtendWith(TestApplication.Extension.class)
class EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final BigInteger PRICE = BigInteger.valueOf(5_000_000);

    @Test
    void anArtistLaunchesAnOfferingAndAnInvestorBuysAndSeesItLive(TestApplication application) throws Exception {
        ApiClient api = application.client();
        ChainActions chain = new ChainActions(application);
        Session artist = api.signUp("ARTIST");
        api.linkWallet(artist, TestWallet.random());
        Session investor = api.signUp("INVESTOR");
        TestWallet wallet = chain.fundedWallet();
        api.linkWallet(investor, wallet);

        try (SseStream artistEvents = new SseStream(application.uri().resolve("/v1/events"), artist.accessToken(),
                null);
                SseStream investorEvents = new SseStream(application.uri().resolve("/v1/events"),
                        investor.accessToken(), null)) {
            Answer master = api.upload("/v1/masters", new MultipartBody().field("title", "Sunrise")
                    .field("artistName", "Ada").field("isrc", "QZ-E2E-26-" + String.format("%05d",
                            (int) (Math.random() * 100_000))).field("releaseDate", "2026-01-15")
                    .field("royaltySharePercent", "25").file("audio", "sunrise.wav", "audio/wav",
                            TestMedia.wav(2_000, 42)).file("cover", "cover.png", "image/png", TestMedia.png(42)),
                    artist.accessToken(), Map.of("Idempotency-Key", "e2e-master"));
            assertThat(master.status()).as(master.toString()).isEqualTo(201);
            String masterId = master.json().get("id").asText();
            await().atMost(WAIT).until(() -> artistEvents.names().contains("master.registered"));

            Instant now = Instant.now();
            Answer offering = api.post("/v1/masters/" + masterId + "/offerings", object("totalShares", 400,
                    "pricePerShareMinorUnits", PRICE.toString(), "saleStartsAt", now.minusSeconds(60).toString(),
                    "saleEndsAt", now.plus(7, ChronoUnit.DAYS).toString()), artist.accessToken(),
                    Map.of("Idempotency-Key", "e2e-offering"));
            assertThat(offering.status()).as(offering.toString()).isEqualTo(201);
            String offeringId = offering.json().get("id").asText();
            await().atMost(WAIT).until(() -> artistEvents.names().contains("offering.live"));
            JsonNode live = api.get("/v1/offerings/" + offeringId, investor.accessToken()).json();

            chain.buy(wallet, live.get("saleAddress").asText(), 40, PRICE);
            await().atMost(WAIT).until(() -> investorEvents.names().contains("purchase.confirmed"));
            await().atMost(WAIT).until(() -> artistEvents.names().contains("offering.purchase.confirmed"));
            JsonNode holding = api.get("/v1/me/holdings", investor.accessToken()).json().get("data").get(0);
            assertThat(holding.get("offeringId").asText()).isEqualTo(offeringId);
            assertThat(holding.get("shares").asText()).isEqualTo("40");
            assertThat(holding.get("percentage").asText()).isEqualTo("10.000000");

            chain.distribute(live.get("sharesAddress").asText(), BigInteger.valueOf(4_000_000));
            await().atMost(WAIT).until(() -> investorEvents.names().contains("dividend.distributed"));
            JsonNode dividend = api.get("/v1/me/dividends", investor.accessToken()).json().get("data").get(0);
            assertThat(dividend.get("claimableMinorUnits").asText()).isEqualTo("400000");

            List<SseStream.SseEvent> seen = investorEvents.events();
            assertThat(seen.getFirst().data()).contains(offeringId).contains(wallet.address());

            // Reconnecting after the first event replays exactly what followed it.
            try (SseStream resumed = new SseStream(application.uri().resolve("/v1/events"), investor.accessToken(),
                    seen.getFirst().id())) {
                await().atMost(WAIT).until(() -> resumed.events().size() == seen.size() - 1);
                assertThat(resumed.events()).containsExactlyElementsOf(seen.subList(1, seen.size()));
            }
        }
    }
}
