package io.cadenza.api.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
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
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM to a real application process with an upload in flight and an event stream open: the upload finishes and is
 * answered, the stream ends with a {@code shutdown} event that tells its client to reconnect, and the process exits.
 */
@ExtendWith(TestServicesExtension.class)
class GracefulShutdownTest {
    @Test
    void aTerminatedProcessFinishesItsUploadAndEndsItsStreamsBeforeItStops(TestServices services) throws Exception {
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> settings = ExternalServices.ownApplication(services, redis.uri());
            ApplicationProcess application = ApplicationProcess.start(settings, Map.of());
            try {
                ApiClient api = new ApiClient(application.uri());
                Session artist = api.signUp("ARTIST");
                api.linkWallet(artist, TestWallet.random());
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

                List<String> streamed = Collections.synchronizedList(new ArrayList<>());
                CountDownLatch streamOpen = new CountDownLatch(1);
                CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                    try {
                        HttpResponse<InputStream> events = http.send(api.request("/v1/events", artist.accessToken())
                                .header("Accept", "text/event-stream").GET().build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                        try (BufferedReader lines = new BufferedReader(
                                new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                            for (String line; (line = lines.readLine()) != null; ) {
                                streamed.add(line);
                                streamOpen.countDown();
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(streamOpen.await(30, TimeUnit.SECONDS)).isTrue();

                // An upload whose body takes about three seconds to arrive; SIGTERM comes one second into it.
                MultipartBody upload = new MultipartBody().field("title", "Last Request")
                        .field("artistName", "The Cadenzas").field("isrc", CatalogFixtures.uniqueIsrc())
                        .field("releaseDate", "2026-05-01").field("royaltySharePercent", "20")
                        .file("audio", "a.wav", "audio/wav", TestMedia.wav(20_000, 3));
                byte[] body = upload.bytes();
                CountDownLatch halfway = new CountDownLatch(1);
                CompletableFuture<HttpResponse<String>> answered = http.sendAsync(
                        api.request("/v1/masters", artist.accessToken())
                                .header("Content-Type", upload.contentType())
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new Trickle(body, Duration.ofSeconds(3), halfway))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();
                application.terminate();

                HttpResponse<String> response = answered.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                stream.get(60, TimeUnit.SECONDS);
                assertThat(streamed).contains("event: shutdown", "retry: 1000");
                assertThat(application.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                application.kill();
            }
        }
    }

    /** A body sent in small pieces over {@code duration}; {@code halfway} opens after the first third of it. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream bytes;
        private final long pauseNanosPerChunk;
        private final CountDownLatch halfway;
        private final int total;
        private static final int CHUNK = 8 * 1024;

        Trickle(byte[] body, Duration duration, CountDownLatch halfway) {
            this.bytes = new ByteArrayInputStream(body);
            this.total = body.length;
            this.pauseNanosPerChunk = duration.toNanos() / Math.max(1, body.length / CHUNK);
            this.halfway = halfway;
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (total - bytes.available() > total / 3) {
                halfway.countDown();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(pauseNanosPerChunk);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", interrupted);
            }
            return bytes.read(buffer, offset, Math.min(length, CHUNK));
        }
    }
}
