package io.cadenza.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.ApplicationProcess;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestMedia;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real application process is killed ({@code kill -9}) in the middle of an upload with an Idempotency-Key: while its
 * answer is being stored, and after everything committed but before the answer left. A new process on the same
 * database answers the retry with the same key with the master, which exists once: never "still being processed"
 * for good, nor "ISRC taken".
 */
@ExtendWith(TestServicesExtension.class)
class KilledMidRequestTest {

    @Test
    void killedAfterEverythingCommittedButBeforeTheAnswerLeftTheRetryGetsTheAnswer(TestServices services)
            throws Exception {
        Outcome outcome = killAndRetry(services, "answering");
        assertThat(outcome.stalledAt()).isEqualTo("answering 201");
        assertThat(outcome.retried().header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
    }

    @Test
    void killedWhileTheAnswerWasBeingStoredTheRetryEndsWithOneMaster(TestServices services) throws Exception {
        // The master's rows and the answer commit together: either both are there, or neither, and the retry runs
        // the request once the dead process's lease has run out.
        Outcome outcome = killAndRetry(services, "storing-answer");
        assertThat(outcome.stalledAt()).isEqualTo("storing-answer");
    }

    private record Outcome(String stalledAt, Answer retried) {}

    /**
     * Uploads a master with an Idempotency-Key to a first process, kills it ({@code kill -9}) where {@code stallAt}
     * says, then retries on a second process on the same database: the retry gets the master, which exists once.
     */
    private static Outcome killAndRetry(TestServices services, String stallAt) throws Exception {
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> settings = ExternalServices.ownApplication(services, redis.uri());
            settings.put("cadenza.idempotency.lease", "2s");

            Session artist;
            String key = "upload-" + UUID.randomUUID();
            MultipartBody upload = new MultipartBody().field("title", "Killed Mid-Answer")
                    .field("artistName", "The Cadenzas").field("isrc", CatalogFixtures.uniqueIsrc())
                    .field("releaseDate", "2026-05-01").field("royaltySharePercent", "20")
                    .file("audio", "a.wav", "audio/wav", TestMedia.wav(2_000, 7));
            String stalledAt;
            ApplicationProcess first = ApplicationProcess.start(settings, Map.of(MidRequestStall.ENABLED, "true"));
            try {
                ApiClient api = new ApiClient(first.uri());
                artist = api.signUp("ARTIST");
                api.linkWallet(artist, TestWallet.random());
                CompletableFuture<Answer> lost = CompletableFuture.supplyAsync(() -> api.upload("/v1/masters", upload,
                        artist.accessToken(), Map.of(IdempotentRequests.HEADER, key, MidRequestStall.HEADER, stallAt)));
                stalledAt = first.awaitLine(line -> line.startsWith(MidRequestStall.MARKER + " "), ApplicationProcess.START_MAX)
                        .substring(MidRequestStall.MARKER.length() + 1);
                first.kill();
                assertThat(lost).failsWithin(Duration.ofSeconds(30));
            } finally {
                first.kill();
            }

            ApplicationProcess second = ApplicationProcess.start(settings, Map.of());
            try {
                ApiClient api = new ApiClient(second.uri());
                Answer retried = api.upload("/v1/masters", upload, artist.accessToken(),
                        Map.of(IdempotentRequests.HEADER, key));
                for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                        retried.status() == 409 && retried.raw().body().contains("still being processed")
                                && System.nanoTime() < deadline; ) {
                    Thread.sleep(250); // the dead process's lease runs out
                    retried = api.upload("/v1/masters", upload, artist.accessToken(),
                            Map.of(IdempotentRequests.HEADER, key));
                }
                assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
                Answer masters = api.get("/v1/masters", artist.accessToken());
                assertThat(masters.json().get("data")).hasSize(1);
                assertThat(masters.json().get("data").get(0).get("id").asText())
                        .isEqualTo(retried.json().get("id").asText());
                return new Outcome(stalledAt, retried);
            } finally {
                second.kill();
            }
        }
    }
}
