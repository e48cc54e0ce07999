package io.cadenza.api.quotas;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestMedia;
import io.cadenza.api.testing.OwnApplication;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quotas on what costs the operator: masters per day (429, with when to retry), bytes stored (403), open offerings
 * per master (403, until an admin raises it). Concurrent uploads cannot both take the last place.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotasTest {
    private static final int MASTERS_PER_DAY = 3;
    private static final long BYTES_STORED = 600_000;

    private OwnApplication application;
    private ApiClient api;

    @BeforeAll
    void start(TestServices services) throws java.io.IOException {
        application = OwnApplication.start(services, Map.of(
                "cadenza.quotas.masters-per-day", MASTERS_PER_DAY,
                "cadenza.quotas.bytes-stored", BYTES_STORED));
        api = application.api();
    }

    @AfterAll
    void stop() {
        application.close();
    }

    @Test
    void aDaysMastersAndTheBytesStoredAreBoundedAndConcurrentUploadsCannotBothTakeTheLastPlace() {
        Session artist = new CatalogFixtures(api).artist();
        assertThat(upload(artist, 100).status()).isEqualTo(201);
        Answer tooBig = upload(artist, 20_000); // 640 kB of audio: past the bytes stored
        assertThat(tooBig.status()).as(tooBig.toString()).isEqualTo(403);
        assertThat(tooBig.problemType()).isEqualTo("quota-exceeded");

        // Two places left for the day, three uploads at once: two get them.
        List<Integer> statuses;
        try (java.util.concurrent.ExecutorService uploaders = java.util.concurrent.Executors.newFixedThreadPool(3)) {
            List<CompletableFuture<Answer>> racing = List.of(
                    CompletableFuture.supplyAsync(() -> upload(artist, 100), uploaders),
                    CompletableFuture.supplyAsync(() -> upload(artist, 100), uploaders),
                    CompletableFuture.supplyAsync(() -> upload(artist, 100), uploaders));
            statuses = racing.stream().map(CompletableFuture::join).map(Answer::status).toList();
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 201, 429);
        Answer daily = upload(artist, 100);
        assertThat(daily.status()).isEqualTo(429);
        assertThat(daily.problemType()).isEqualTo("daily-quota-exceeded");
        assertThat(Long.parseLong(daily.header("Retry-After"))).isBetween(23 * 3600L, 24 * 3600L);
        assertThat(api.get("/v1/masters", artist.accessToken()).json().get("data")).hasSize(MASTERS_PER_DAY);
    }

    @Test
    void aMasterHasOneOpenOfferingUntilAnAdminRaisesIt() {
        CatalogFixtures catalog = new CatalogFixtures(api);
        Session artist = catalog.artist();
        String master = catalog.registeredMaster(artist);
        assertThat(api.post("/v1/masters/" + master + "/offerings", CatalogFixtures.terms(10), artist.accessToken())
                .status()).isEqualTo(201);
        Answer second = api.post("/v1/masters/" + master + "/offerings", CatalogFixtures.terms(20),
                artist.accessToken());
        assertThat(second.status()).as(second.toString()).isEqualTo(403);
        assertThat(second.problemType()).isEqualTo("quota-exceeded");

        Session admin = api.admin();
        assertThat(api.post("/v1/admin/masters/" + master + "/offering-limit", object("limit", 2),
                artist.accessToken()).status()).isEqualTo(403);
        assertThat(api.post("/v1/admin/masters/" + master + "/offering-limit", object("limit", 2),
                admin.accessToken()).status()).isEqualTo(200);
        assertThat(api.post("/v1/masters/" + master + "/offerings", CatalogFixtures.terms(20), artist.accessToken())
                .status()).isEqualTo(201);
    }

    private Answer upload(Session artist, int millis) {
        return api.upload("/v1/masters", new MultipartBody().field("title", "Quota").field("artistName", "Q")
                .field("isrc", CatalogFixtures.uniqueIsrc()).field("releaseDate", "2026-05-01")
                .field("royaltySharePercent", "10").file("audio", "q.wav", "audio/wav", TestMedia.wav(millis, 5)),
                artist.accessToken(), Map.of());
    }
}
