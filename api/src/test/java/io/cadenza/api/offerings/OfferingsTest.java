package io.cadenza.api.offerings;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ChainActions;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestWallet;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Offerings over HTTP on a real chain: launched through the factory, LIVE from the index, bought on chain by an
 * investor's own wallet, then seen in the investor's holdings and dividends and in the artist's cap table.
 */
@ExtendWith(TestApplication.Extension.class)
class OfferingsTest {
    private static final BigInteger PRICE = BigInteger.valueOf(2_000_000); // 2 USD, 6 decimals
    private static final Duration CHAIN_WAIT = CatalogFixtures.CHAIN_WAIT;

    private final ApiClient api;
    private final ChainActions chain;
    private final CatalogFixtures catalog;

    OfferingsTest(TestApplication application) {
        this.api = application.client();
        this.chain = new ChainActions(application);
        this.catalog = new CatalogFixtures(api);
    }

    @Test
    void anInvestorsPurchaseShowsInHoldingsCapTableAndDividends() throws Exception {
        Session artist = api.signUp("ARTIST");
        api.linkWallet(artist, TestWallet.random());
        String masterId = registeredMaster(artist);

        Answer created = api.post("/v1/masters/" + masterId + "/offerings", terms(1_000), artist.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String offeringId = created.json().get("id").asText();
        assertThat(created.json().get("status").asText()).isIn("CREATING", "LIVE");
        assertThat(created.json().get("name").asText()).isEqualTo("Night Drive Shares");
        JsonNode live = awaitStatus(offeringId, artist, "LIVE");
        String sale = live.get("saleAddress").asText();
        String shares = live.get("sharesAddress").asText();
        assertThat(sale).startsWith("0x");

        Session investor = api.signUp("INVESTOR");
        TestWallet wallet = chain.fundedWallet();
        api.linkWallet(investor, wallet);
        // Listed for investors, readable by them.
        assertThat(api.get("/v1/offerings/" + offeringId, investor.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/v1/offerings?limit=100", investor.accessToken()).json().get("data")
                .findValuesAsText("id")).contains(offeringId);

        chain.buy(wallet, sale, 100, PRICE);
        await().atMost(CHAIN_WAIT).until(() -> api.get("/v1/me/holdings", investor.accessToken()).json()
                .get("data").size() == 1);
        JsonNode holding = api.get("/v1/me/holdings", investor.accessToken()).json().get("data").get(0);
        assertThat(holding.get("offeringId").asText()).isEqualTo(offeringId);
        assertThat(holding.get("masterId").asText()).isEqualTo(masterId);
        assertThat(holding.get("wallet").asText()).isEqualTo(wallet.address());
        assertThat(holding.get("shares").asText()).isEqualTo("100");
        assertThat(holding.get("percentage").asText()).isEqualTo("10.000000");
        assertThat(holding.get("claimableMinorUnits").asText()).isEqualTo("0");
        assertThat(api.get("/v1/me/dividends", investor.accessToken()).json().get("data").size()).isZero();

        Answer capTable = api.get("/v1/offerings/" + offeringId + "/cap-table", artist.accessToken());
        assertThat(capTable.status()).isEqualTo(200);
        Map<String, String> holders = new java.util.HashMap<>();
        capTable.json().get("data").forEach(entry -> holders.put(entry.get("holder").asText(),
                entry.get("shares").asText()));
        assertThat(holders).containsEntry(wallet.address(), "100").containsEntry(sale, "900").hasSize(2);
        assertThat(api.get("/v1/offerings/" + offeringId + "/cap-table", investor.accessToken()).status())
                .isEqualTo(403);
        Session otherArtist = api.signUp("ARTIST");
        assertThat(api.get("/v1/offerings/" + offeringId + "/cap-table", otherArtist.accessToken()).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/offerings/" + offeringId + "/cap-table", api.admin().accessToken()).status())
                .isEqualTo(200);

        // 1,000,000 payout units over 1,000 shares: the investor's 100 earn 100,000 (the sale's 900 the rest).
        chain.distribute(shares, BigInteger.valueOf(1_000_000));
        await().atMost(CHAIN_WAIT).until(() -> api.get("/v1/me/dividends", investor.accessToken()).json()
                .get("data").size() == 1);
        JsonNode dividend = api.get("/v1/me/dividends", investor.accessToken()).json().get("data").get(0);
        assertThat(dividend.get("claimableMinorUnits").asText()).isEqualTo("100000");
        assertThat(dividend.get("offeringId").asText()).isEqualTo(offeringId);
    }

    @Test
    void capTablePagesByCursorInHolderOrder() throws Exception {
        Session artist = api.signUp("ARTIST");
        api.linkWallet(artist, TestWallet.random());
        String masterId = registeredMaster(artist);
        String offeringId = api.post("/v1/masters/" + masterId + "/offerings", terms(500), artist.accessToken())
                .json().get("id").asText();
        JsonNode live = awaitStatus(offeringId, artist, "LIVE");
        for (int buyer = 0; buyer < 3; buyer++) {
            chain.buy(chain.fundedWallet(), live.get("saleAddress").asText(), 10 + buyer, PRICE);
        }
        await().atMost(CHAIN_WAIT).until(() -> api.get("/v1/offerings/" + offeringId + "/cap-table?limit=100",
                artist.accessToken()).json().get("data").size() == 4);
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Answer page = api.get("/v1/offerings/" + offeringId + "/cap-table?limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor), artist.accessToken());
            page.json().get("data").forEach(entry -> seen.add(entry.get("holder").asText().toLowerCase()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).hasSize(4).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void badTermsAndWrongCallersAreRefused() throws Exception {
        Session artist = api.signUp("ARTIST");
        api.linkWallet(artist, TestWallet.random());
        String masterId = registeredMaster(artist);
        String path = "/v1/masters/" + masterId + "/offerings";
        Instant now = Instant.now();

        assertFields(api.post(path, object("totalShares", 0, "pricePerShareMinorUnits", "1",
                "saleStartsAt", now.toString(), "saleEndsAt", now.plusSeconds(60).toString()), artist.accessToken()),
                "totalShares");
        assertFields(api.post(path, object("totalShares", 10, "pricePerShareMinorUnits", "-5",
                "saleStartsAt", now.toString(), "saleEndsAt", now.plusSeconds(60).toString()), artist.accessToken()),
                "pricePerShareMinorUnits");
        assertFields(api.post(path, object("totalShares", 10, "pricePerShareMinorUnits", "5",
                "saleStartsAt", now.toString(), "saleEndsAt", now.minusSeconds(60).toString()), artist.accessToken()),
                "saleEndsAt");
        assertFields(api.post(path, object("totalShares", 10, "pricePerShareMinorUnits", "5",
                "saleStartsAt", "yesterday", "saleEndsAt", now.plusSeconds(60).toString()), artist.accessToken()),
                null);
        assertFields(api.post(path, object("totalShares", 10, "pricePerShareMinorUnits", "5",
                "saleStartsAt", now.toString(), "saleEndsAt", now.plusSeconds(60).toString(),
                "paymentToken", "0x12"), artist.accessToken()), "paymentToken");
        assertFields(api.post(path, object("totalShares", 10), artist.accessToken()), "pricePerShareMinorUnits");

        assertThat(api.post(path, terms(10), api.signUp("INVESTOR").accessToken()).status()).isEqualTo(403);
        assertThat(api.post(path, terms(10), api.signUp("ARTIST").accessToken()).status()).isEqualTo(404);
        assertThat(api.post(path, terms(10), null).status()).isEqualTo(401);

        // The same Idempotency-Key replays the first offering; with other terms it is refused.
        Map<String, String> key = Map.of("Idempotency-Key", "offer-" + masterId);
        Answer first = api.post(path, terms(10), artist.accessToken(), key);
        Answer replay = api.post(path, terms(10), artist.accessToken(), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.post(path, terms(11), artist.accessToken(), key).status()).isEqualTo(422);
    }

    private String registeredMaster(Session artist) {
        return catalog.registeredMaster(artist);
    }

    private JsonNode awaitStatus(String offeringId, Session session, String status) {
        return catalog.awaitOffering(offeringId, session, status);
    }

    private static Object terms(long totalShares) {
        return CatalogFixtures.terms(totalShares);
    }

    private static void assertFields(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(answer.json().get("errors").findValuesAsText("field")).as(answer.toString()).contains(field);
        }
    }
}
