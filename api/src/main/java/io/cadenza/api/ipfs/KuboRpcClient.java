package io.cadenza.api.ipfs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Kubo's RPC API ({@code POST /api/v0/add}), for any node that speaks it (Kubo, js-ipfs). The file is streamed from
 * the local block store as multipart with its exact length, added with Kubo's defaults for CIDv1 (256 KiB chunks,
 * raw leaves, balanced DAG, sha2-256) and pinned. The node's CID must equal the one computed here: a node that chunks
 * differently would pin something else under another name, and that is an error, not a detail.
 */
public final class KuboRpcClient implements RemotePin {
    /** The node reads the whole file before answering: allow for large files on slow disks. */
    private static final Duration ADD_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int ANSWER_LINES_MAX = 1_000_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final URI apiUrl;
    private final BlockStore blocks;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();

    /** @param apiUrl the node's RPC address, e.g. http://127.0.0.1:5001 */
    public KuboRpcClient(URI apiUrl, BlockStore blocks) {
        this.apiUrl = apiUrl;
        this.blocks = blocks;
    }

    @Override
    public String backend() {
        return "kubo";
    }

    @Override
    public void pin(PinnedContent content, String name) throws IOException {
        Cid expected = Cid.parse(content.cid());
        Cid answered = add(() -> new UnixFsFileStream(blocks, expected), content.bytes(), name);
        if (!answered.equals(expected)) {
            throw new IOException("the IPFS node computed " + answered + " for a file that is " + expected
                    + " under Kubo's defaults: its chunking or layout differs");
        }
    }

    /** Adds and pins the content; answers the root CID the node reports. */
    public Cid add(ContentSource content, long bytes, String name) throws IOException {
        String boundary = "cadenza-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name.replaceAll("[\"\\r\\n]", "_") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = head.length + bytes + tail.length;
        HttpRequest request = HttpRequest.newBuilder(apiUrl.resolve("/api/v0/add?cid-version=1&raw-leaves=true"
                        + "&chunker=size-262144&hash=sha2-256&pin=true&cid-base=base32&progress=false"))
                .timeout(ADD_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new SequenceInputStream(java.util.Collections.enumeration(List.of(
                                new ByteArrayInputStream(head), content.open(), new ByteArrayInputStream(tail))));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), length))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while adding to IPFS", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("the IPFS node answered HTTP " + response.statusCode() + " to add: "
                        + new String(body.readNBytes(500), StandardCharsets.UTF_8));
            }
            return lastHash(body);
        }
    }

    /** The file's bytes, opened when the request is sent (and again if it is retried). */
    @FunctionalInterface
    public interface ContentSource {
        InputStream open() throws IOException;
    }

    /**
     * The answer is one JSON object per added entry (newline-delimited); the last names the root. js-ipfs prints
     * numbers where Kubo prints strings, and base58 unless asked for base32: only {@code Hash} is read, decoded.
     */
    private static Cid lastHash(InputStream body) throws IOException {
        String hash = null;
        int objects = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            while (parser.nextToken() != null) {
                if (++objects > ANSWER_LINES_MAX) {
                    throw new IOException("the IPFS node's answer to add is too long");
                }
                if (parser.currentToken() == JsonToken.FIELD_NAME && "Hash".equals(parser.currentName())) {
                    parser.nextToken();
                    hash = parser.getText();
                }
            }
        }
        if (hash == null) {
            throw new IOException("the IPFS node's answer to add names no Hash");
        }
        try {
            return Cid.parse(hash);
        } catch (IllegalArgumentException e) {
            throw new IOException("the IPFS node answered a CID that is not CIDv1 base32: " + hash);
        }
    }
}
