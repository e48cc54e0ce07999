package io.cadenza.api.accounts;

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
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.outbox.TransactionOutbox;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new artist uploads at once, but the platform registers nothing of theirs on chain until an admin approved them:
 * the master waits (AWAITING_APPROVAL, no intent sent), the artist and the admins see the review's status, and the
 * approval sends the waiting master on. A rejected (or withdrawn) approval stops offerings too.
 */
@ExtendWith(TestApplication.Extension.class)
class ArtistVerificationTest {
    private final ApiClient api;
    private final TransactionOutbox outbox;
    private final Session admin;

    ArtistVerificationTest(TestApplication application) {
        this.api = application.client();
        this.outbox = application.context().getBean(TransactionOutbox.class);
        this.admin = api.admin();
    }

    @Test
    void anUnreviewedArtistsMasterWaitsUntilAnAdminApprovesThenRegisters() {
        Session artist = api.signUpUnreviewed("ARTIST");
        api.linkWallet(artist, TestWallet.random());
        assertThat(api.get("/v1/me", artist.accessToken()).json().get("artistStatus").asText()).isEqualTo("PENDING");
        assertThat(pending()).contains(artist.id().toString());

        String masterId = upload(artist);
        await().atMost(CatalogFixtures.CHAIN_WAIT).until(() -> status(artist, masterId).equals("AWAITING_APPROVAL"));
        assertThat(outbox.find("master:" + masterId + ":register:1")).as("nothing sent for it").isEmpty();

        Answer approved = api.post("/v1/admin/artists/" + artist.id() + "/review", object("approved", true,
                "note", "label contract checked"), admin.accessToken());
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().get("reviewedBy").asText()).isEqualTo(admin.id().toString());
        await().atMost(CatalogFixtures.CHAIN_WAIT).until(() -> status(artist, masterId).equals("REGISTERED"));
        assertThat(api.get("/v1/me", artist.accessToken()).json().get("artistStatus").asText())
                .isEqualTo("APPROVED");
        assertThat(pending()).doesNotContain(artist.id().toString());
    }

    @Test
    void aRejectedArtistsMastersStayAndAWithdrawnApprovalStopsOfferings() {
        Session rejected = api.signUpUnreviewed("ARTIST");
        api.linkWallet(rejected, TestWallet.random());
        assertThat(api.post("/v1/admin/artists/" + rejected.id() + "/review", object("approved", false, "note",
                "no rights shown"), admin.accessToken()).status()).isEqualTo(200);
        String masterId = upload(rejected);
        await().atMost(CatalogFixtures.CHAIN_WAIT).until(() -> status(rejected, masterId)
                .equals("AWAITING_APPROVAL"));
        assertThat(api.get("/v1/me", rejected.accessToken()).json().get("artistStatus").asText())
                .isEqualTo("REJECTED");

        CatalogFixtures catalog = new CatalogFixtures(api);
        Session approved = catalog.artist();
        String registered = catalog.registeredMaster(approved);
        assertThat(api.post("/v1/admin/artists/" + approved.id() + "/review", object("approved", false),
                admin.accessToken()).status()).isEqualTo(200);
        Answer offering = api.post("/v1/masters/" + registered + "/offerings", CatalogFixtures.terms(10),
                approved.accessToken());
        assertThat(offering.status()).as(offering.toString()).isEqualTo(403);
        assertThat(offering.problemType()).isEqualTo("artist-not-approved");
    }

    @Test
    void onlyAdminsReviewAndAReviewNamesAnArtist() {
        Session artist = api.signUpUnreviewed("ARTIST");
        Session investor = api.signUp("INVESTOR");
        assertThat(api.post("/v1/admin/artists/" + artist.id() + "/review", object("approved", true),
                artist.accessToken()).status()).isEqualTo(403);
        assertThat(api.post("/v1/admin/artists/" + investor.id() + "/review", object("approved", true),
                admin.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/v1/admin/artists/" + artist.id() + "/review", object("note", "x"),
                admin.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/v1/admin/artists?status=MAYBE", admin.accessToken()).status()).isEqualTo(400);
    }

    private java.util.List<String> pending() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/admin/artists?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    admin.accessToken()).json();
            StreamSupport.stream(page.get("data").spliterator(), false)
                    .forEach(artist -> ids.add(artist.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    private String upload(Session artist) {
        Answer created = api.upload("/v1/masters", new MultipartBody().field("title", "Waiting")
                .field("artistName", "New Artist").field("isrc", CatalogFixtures.uniqueIsrc())
                .field("releaseDate", "2026-05-01").field("royaltySharePercent", "30")
                .file("audio", "a.wav", "audio/wav", TestMedia.wav(100, 2)), artist.accessToken(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String status(Session artist, String masterId) {
        return api.get("/v1/masters/" + masterId, artist.accessToken()).json().get("status").asText();
    }

}
