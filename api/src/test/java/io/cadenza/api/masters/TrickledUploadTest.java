package io.cadenza.api.masters;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upload whose body stops arriving is refused once it has sent nothing for the idle timeout, and its connection
 * closed: a client that trickles does not hold a worker thread and a half-written upload for good. Nothing of it is
 * stored.
 */
@ExtendWith(TestServicesExtension.class)
class TrickledUploadTest {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void anUploadThatStallsIsRefusedAfterTheIdleTimeoutAndItsConnectionClosed(TestServices services)
            throws Exception {
        try (TestRedis redis = new TestRedis();
                EmbeddedServer server = ExternalServices.application(services, redis.uri(),
                        Map.of("cadenza.masters.body-idle-timeout", IDLE_TIMEOUT.toSeconds() + "s",
                                "cadenza.server.idle-timeout", IDLE_TIMEOUT.multipliedBy(2).toSeconds() + "s"))) {
            ApiClient api = new ApiClient(server.getURI());
            Session artist = api.signUp("ARTIST");
            api.linkWallet(artist, TestWallet.random());
            String boundary = "trickle-boundary";
            String start = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nStalled\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\nRIFF";
            try (Socket socket = new Socket(server.getHost(), server.getPort())) {
                socket.setSoTimeout((int) IDLE_TIMEOUT.plusSeconds(20).toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/masters HTTP/1.1\r\nHost: " + server.getHost() + "\r\n"
                        + "Authorization: Bearer " + artist.accessToken() + "\r\n"
                        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                        + "Content-Length: 10000000\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long stalledAt = System.nanoTime();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8); // until the server closes
                Duration waited = Duration.ofNanos(System.nanoTime() - stalledAt);
                // Refused by the upload's own watchdog (408), or, when the stall came before the request reached the
                // action, closed by the server's idle timeout: either way within the bound, never held open.
                if (!answer.isEmpty()) {
                    assertThat(answer).startsWith("HTTP/1.1 408").contains("request-timeout");
                }
                assertThat(waited).isBetween(IDLE_TIMEOUT.minusMillis(100), IDLE_TIMEOUT.multipliedBy(2).plusSeconds(5));
            }
            assertThat(api.get("/v1/masters", artist.accessToken()).json().get("data")).isEmpty();
        }
    }
}
