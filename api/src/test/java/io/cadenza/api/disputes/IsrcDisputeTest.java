package io.cadenza.api.disputes;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMedia;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ISRC squatting righted: the first account to register an ISRC holds it; the rightful artist files a dispute with
 * their claim; an admin upholds it, which voids the registration on chain; the rightful artist then registers the
 * ISRC. A dismissed dispute leaves the registration. Both parties see the dispute and the admin's reason.
 */
@ExtendWith(TestApplication.Extension.class)
class IsrcDisputeTest {
    private final ApiClient api;
    private final CatalogFixtures catalog;
    private final Session admin;

    IsrcDisputeTest(TestApplication application) {
        this.api = application.client();
        this.catalog = new CatalogFixtures(api);
        this.admin = api.admin();
    }

    @Test
    void anUpheldDisputeVoidsTheSquattersRegistrationAndTheRightfulArtistRegistersTheIsrc() {
        String isrc = CatalogFixtures.uniqueIsrc();
        Session squatter = catalog.artist();
        Session rightful = catalog.artist();
        String squatted = registered(squatter, isrc);
        String squattedToken = master(squatter, squatted).get("tokenId").asText();
        assertThat(upload(rightful, isrc).problemType()).isEqualTo("isrc-taken");

        Answer opened = api.post("/v1/isrc-disputes", object("isrc", isrc, "claim",
                "Label contract 2019-114 assigns the master rights to me."), rightful.accessToken());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String disputeId = opened.json().get("id").asText();
        assertThat(opened.json().get("claimantId").asText()).isEqualTo(rightful.id().toString());
        assertThat(opened.json().get("holderId").asText()).isEqualTo(squatter.id().toString());
        assertThat(opened.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(api.post("/v1/isrc-disputes", object("isrc", isrc, "claim", "again"), rightful.accessToken())
                .status()).as("one open dispute per claimant and master").isEqualTo(409);
        assertThat(api.post("/v1/isrc-disputes", object("isrc", isrc, "claim", "mine"), squatter.accessToken())
                .status()).as("the holder's own ISRC").isEqualTo(409);
        assertThat(api.get("/v1/admin/isrc-disputes", admin.accessToken()).raw().body()).contains(disputeId);

        Answer upheld = api.post("/v1/admin/isrc-disputes/" + disputeId + "/decision", object("uphold", true,
                "reason", "The label contract shows the rights; the first registration had none."),
                admin.accessToken());
        assertThat(upheld.status()).as(upheld.toString()).isEqualTo(200);
        assertThat(upheld.json().get("status").asText()).isEqualTo("UPHELD");
        assertThat(upheld.json().get("decidedBy").asText()).isEqualTo(admin.id().toString());
        await().atMost(CatalogFixtures.CHAIN_WAIT).until(() -> master(squatter, squatted).get("status").asText()
                .equals("VOIDED"));

        String rightfulMaster = registered(rightful, isrc);
        assertThat(master(rightful, rightfulMaster).get("tokenId").asText()).isNotEqualTo(squattedToken);
        for (Session party : java.util.List.of(rightful, squatter)) {
            JsonNode seen = api.get("/v1/isrc-disputes", party.accessToken()).json().get(0);
            assertThat(seen.get("id").asText()).isEqualTo(disputeId);
            assertThat(seen.get("decisionReason").asText()).contains("label contract");
        }
        assertThat(api.post("/v1/admin/isrc-disputes/" + disputeId + "/decision", object("uphold", false,
                "reason", "changed my mind"), admin.accessToken()).status()).isEqualTo(409);
    }

    @Test
    void aDismissedDisputeLeavesTheRegistration() {
        String isrc = CatalogFixtures.uniqueIsrc();
        Session holder = catalog.artist();
        Session claimant = catalog.artist();
        String held = registered(holder, isrc);
        String disputeId = api.post("/v1/isrc-disputes", object("isrc", isrc, "claim", "I wrote it."),
                claimant.accessToken()).json().get("id").asText();
        Answer dismissed = api.post("/v1/admin/isrc-disputes/" + disputeId + "/decision", object("uphold", false,
                "reason", "No evidence of rights."), admin.accessToken());
        assertThat(dismissed.json().get("status").asText()).isEqualTo("DISMISSED");
        assertThat(master(holder, held).get("status").asText()).isEqualTo("REGISTERED");
        assertThat(api.post("/v1/isrc-disputes", object("isrc", "QZ-ZZZ-26-99999", "claim", "x"),
                claimant.accessToken()).status()).as("an ISRC nobody registered").isEqualTo(404);
        assertThat(api.post("/v1/isrc-disputes", object("isrc", "not an isrc", "claim", "x"),
                claimant.accessToken()).status()).isEqualTo(400);
    }

    private String registered(Session artist, String isrc) {
        Answer created = upload(artist, isrc);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        await().atMost(CatalogFixtures.CHAIN_WAIT).until(() -> master(artist, id).get("status").asText()
                .equals("REGISTERED"));
        return id;
    }

    private Answer upload(Session artist, String isrc) {
        return api.upload("/v1/masters", new MultipartBody().field("title", "Contested").field("artistName", "A")
                .field("isrc", isrc).field("releaseDate", "2026-05-01").field("royaltySharePercent", "25")
                .file("audio", "c.wav", "audio/wav", TestMedia.wav(100, 4)), artist.accessToken(), Map.of());
    }

    private JsonNode master(Session artist, String id) {
        return api.get("/v1/masters/" + id, artist.accessToken()).json();
    }
}
