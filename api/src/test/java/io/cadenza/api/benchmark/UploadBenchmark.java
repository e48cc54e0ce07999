package io.cadenza.api.benchmark;

import io.cadenza.api.ipfs.UnixFsImporter;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.api.testing.TestWallet;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads one large master (default 1 GiB of WAV) through HTTP into an application in this JVM, run with a small heap
 * (see BENCHMARKS.md), and reports throughput and the peak heap used while it streamed. The body is generated as it
 * is sent and never held whole, by the client or by the server: if either buffered it, the heap would run out.
 * Afterwards the audio CID is checked against one computed from the same bytes regenerated.
 */
public final class UploadBenchmark {
    private static final long AUDIO_BYTES = Long.getLong("bench.uploadBytes", 1L << 30);
    private static final long SEED = 20261123L;

    private UploadBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (BenchmarkApplication application = new BenchmarkApplication(Map.of(
                "cadenza.masters.audio-bytes-max", AUDIO_BYTES + 1024))) {
            System.out.println(run(application.server.getURI(), AUDIO_BYTES,
                    TestServices.setting(application.services.dataSource(), "synchronous_commit")));
        }
        System.exit(0);
    }

    /**
     * Uploads {@code audioBytes} of WAV to the application at {@code uri} as a new artist; answers the final JSON
     * line. Fails unless the answer is a 201 carrying the CID of the bytes sent.
     */
    static String run(URI uri, long audioBytes, String synchronousCommit) throws Exception {
        {
            ApiClient api = new ApiClient(uri);
            ApiClient.Session artist = api.signUpUnreviewed("ARTIST"); // uploads only: no registration to wait for
            api.linkWallet(artist, TestWallet.random());

            String boundary = "bench" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\n" + field(boundary, "title", "Long Take")
                    + field(boundary, "artistName", "Bench") + field(boundary, "isrc", CatalogFixtures.uniqueIsrc())
                    + field(boundary, "releaseDate", "2026-11-23") + field(boundary, "royaltySharePercent", "10")
                    + "Content-Disposition: form-data; name=\"audio\"; filename=\"long.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            long length = head.length + audioBytes + tail.length;

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            AtomicLong heapPeak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (sampling.get()) {
                    heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            HttpRequest request = api.request("/v1/masters", artist.accessToken())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(java.time.Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                            new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                                    wav(audioBytes), new ByteArrayInputStream(tail))))), length))
                    .build();
            long started = System.nanoTime();
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - started) / 1e9;
            sampling.set(false);
            sampler.join();
            if (response.statusCode() != 201) {
                throw new IllegalStateException("upload failed: " + response.statusCode() + " " + response.body());
            }
            String expected = new UnixFsImporter().add(wav(audioBytes), UnixFsImporter.BlockSink.NONE).root()
                    .toString();
            if (!response.body().contains("\"cid\":\"" + expected + "\"")) {
                throw new IllegalStateException("the audio CID differs from " + expected + ": " + response.body());
            }
            long heapMax = Runtime.getRuntime().maxMemory();
            return String.format(Locale.ROOT, "{\"benchmark\":\"upload\",\"bytes\":%d,\"seconds\":%.2f,"
                            + "\"mebibytesPerSecond\":%.1f,\"heapPeakMiB\":%.1f,\"heapBeforeMiB\":%.1f,\"heapMaxMiB\":%.0f,"
                            + "\"audioCid\":\"%s\",\"synchronousCommit\":\"%s\",\"cpus\":%d,"
                            + "\"java\":\"%s\"}",
                    audioBytes, seconds, audioBytes / seconds / (1 << 20), heapPeak.get() / 1048576.0,
                    heapBefore / 1048576.0, heapMax / 1048576.0, expected, synchronousCommit,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        }
    }

    private static String field(String boundary, String name, String value) {
        return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n--" + boundary + "\r\n";
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A WAV of {@code bytes} in all: a 44-byte header, then deterministic noise, generated as it is read. */
    static InputStream wav(long bytes) {
        long dataBytes = bytes - 44;
        byte[] header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN).put("RIFF".getBytes())
                .putInt((int) Math.min(0xFFFFFFFFL, 36 + dataBytes)).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 2).putInt(48_000).putInt(48_000 * 4)
                .putShort((short) 4).putShort((short) 16).put("data".getBytes())
                .putInt((int) Math.min(0xFFFFFFFFL, dataBytes)).array();
        // Noise as a function of the position (SplitMix64 of each 8-byte word's index), so that the bytes are the
        // same however the stream is read.
        return new SequenceInputStream(new ByteArrayInputStream(header), new InputStream() {
            private long position;
            private long left = dataBytes;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                long word = -1;
                long value = 0;
                for (int index = 0; index < count; index++) {
                    long at = position + index;
                    if (at >>> 3 != word) {
                        word = at >>> 3;
                        value = mix(SEED + word);
                    }
                    buffer[offset + index] = (byte) (value >>> ((at & 7) * 8));
                }
                position += count;
                left -= count;
                return count;
            }
        });
    }
}
