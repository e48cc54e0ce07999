package io.cadenza.api.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMedia;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that sends its whole body before it reads (as the JDK's HttpClient does) still gets the answer to an upload
 * refused before its end: the server half-closes and drains instead of resetting a connection with unread bytes, which
 * would throw the answer away in the client's kernel.
 */
@ExtendWith(TestApplication.Extension.class)
class RefusedUploadAnswerTest {
    private static final int BODY_BYTES = 24 * 1024 * 1024;

    private final TestApplication application;
    private final Session artist;

    RefusedUploadAnswerTest(TestApplication application) {
        this.application = application;
        this.artist = new CatalogFixtures(application.client()).artist();
    }

    @RepeatedTest(3)
    void aDeclaredOversizeBodyIsAnsweredAfterTheClientHasSentIt() throws IOException {
        String head = "POST /v1/masters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + artist.accessToken()
                + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n";
        String answer = sendAllThenRead(head, out -> writeZeros(out, BODY_BYTES));
        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("connection: close").contains("payload-too-large");
    }

    @RepeatedTest(3)
    void aStreamedBodyRefusedMidwayIsAnsweredAfterTheClientHasSentIt() throws IOException {
        MultipartBody body = new MultipartBody().field("title", "Long").field("artistName", "A")
                .field("isrc", CatalogFixtures.uniqueIsrc()).field("releaseDate", "2020-01-01").field("royaltySharePercent", "10")
                .file("audio", "long.wav", "audio/wav", TestMedia.wav(600_000, 3)); // 19 MB, the limit is 8 MiB
        String head = "POST /v1/masters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + artist.accessToken()
                + "\r\nContent-Type: " + body.contentType() + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        String answer = sendAllThenRead(head, out -> {
            byte[] bytes = body.bytes();
            for (int offset = 0; offset < bytes.length; offset += 64 * 1024) {
                int length = Math.min(64 * 1024, bytes.length - offset);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, offset, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("connection: close").contains("\"field\":\"audio\"");
    }

    @Test
    void aClientThatStopsSendingIsDisconnectedOnceItHasGoneQuiet() throws Exception {
        String head = "POST /v1/masters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + artist.accessToken()
                + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + (1L << 30) + "\r\n\r\n";
        double quietBefore = quietCloses();
        try (Socket socket = new Socket(application.uri().getHost(), application.uri().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            writeZeros(out, 1 << 20);
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer); // ends at the server's half-close
            assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 413 ");

            // The server still drains, but not for ever: once the client is quiet it closes the socket, and says so
            // on its meter. Then writes fail (the first is answered by a reset, a later one throws).
            await().atMost(Duration.ofSeconds(15)).until(() -> quietCloses() > quietBefore);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> writeFails(out));
        }
    }

    /** Connections the server closed after their client went quiet, so far. */
    private double quietCloses() {
        return application.context().getBean(MeterRegistry.class).counter("cadenza.http.lingering.closes", "ended",
                "quiet").count();
    }

    private static boolean writeFails(OutputStream out) {
        try {
            out.write(new byte[1024]);
            out.flush();
            return false;
        } catch (IOException closed) {
            return true;
        }
    }

    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private String sendAllThenRead(String head, BodyWriter body) throws IOException {
        try (Socket socket = new Socket(application.uri().getHost(), application.uri().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            body.write(out);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8).toLowerCase().replace("http/1.1 413 ", "HTTP/1.1 413 ");
        }
    }

    private static void writeZeros(OutputStream out, int bytes) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 0);
        for (int sent = 0; sent < bytes; sent += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
        }
    }
}
