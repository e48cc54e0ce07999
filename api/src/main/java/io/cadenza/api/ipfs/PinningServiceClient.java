package io.cadenza.api.ipfs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client of the IPFS Pinning Service API (what Pinata, Filebase and others implement): asks the service to pin
 * each CID, finding an existing request for it first so that a retry does not pin twice. Services pin
 * asynchronously: a pin still queued or pinning is reported as pending, and asked about again later.
 */
public final class PinningServiceClient implements RemotePin {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int NAME_LENGTH_MAX = 255;
    private static final int ORIGINS_MAX = 20;

    private final URI endpoint;
    private final String accessToken;
    private final List<String> origins;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param endpoint the service's base URL (the paths /pins… are resolved against it)
     * @param origins multiaddrs of nodes that have the content, as hints for the service to fetch it from
     */
    public PinningServiceClient(URI endpoint, String accessToken, List<String> origins, JsonMapper json) {
        if (origins.size() > ORIGINS_MAX) {
            throw new IllegalArgumentException("at most " + ORIGINS_MAX + " origins");
        }
        this.endpoint = endpoint.toString().endsWith("/") ? endpoint : URI.create(endpoint + "/");
        this.accessToken = accessToken;
        this.origins = List.copyOf(origins);
        this.json = json;
    }

    @Serdeable
    record Pin(String cid, @Nullable String name, @Nullable List<String> origins, @Nullable Map<String, String> meta) {}

    @Serdeable
    record PinStatus(String requestid, String status, @Nullable String created, @Nullable Pin pin,
            @Nullable List<String> delegates, @Nullable Map<String, String> info) {}

    @Serdeable
    record PinResults(int count, List<PinStatus> results) {}

    @Serdeable
    record Failure(ErrorBody error) {}

    @Serdeable
    record ErrorBody(String reason, @Nullable String details) {}

    @Override
    public String backend() {
        return "pinning-service";
    }

    @Override
    public void pin(PinnedContent content, String name) throws IOException {
        PinResults existing = send(HttpRequest.newBuilder(endpoint.resolve("pins?cid="
                + URLEncoder.encode(content.cid(), StandardCharsets.UTF_8)
                + "&status=queued,pinning,pinned&limit=10")).GET(), PinResults.class);
        for (PinStatus status : existing.results()) {
            if ("pinned".equals(status.status())) {
                return;
            }
        }
        if (!existing.results().isEmpty()) {
            throw new PinPendingException("the pinning service is still pinning " + content.cid() + " ("
                    + existing.results().getFirst().status() + ")");
        }
        String boundedName = name.length() > NAME_LENGTH_MAX ? name.substring(0, NAME_LENGTH_MAX) : name;
        PinStatus created = send(HttpRequest.newBuilder(endpoint.resolve("pins"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(new Pin(content.cid(),
                        boundedName, origins.isEmpty() ? null : origins, Map.of("app", "cadenza"))))),
                PinStatus.class);
        switch (created.status()) {
            case "pinned" -> { }
            case "queued", "pinning" -> throw new PinPendingException("the pinning service accepted "
                    + content.cid() + " (" + created.status() + ", request " + created.requestid() + ")");
            default -> throw new IOException("the pinning service could not pin " + content.cid() + ": "
                    + created.status() + " " + (created.info() == null ? "" : created.info()));
        }
    }

    private <T> T send(HttpRequest.Builder request, Class<T> type) throws IOException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(TIMEOUT).header("Authorization", "Bearer " + accessToken)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the pinning service", e);
        }
        int status = response.statusCode();
        if (status == 200 || status == 202) {
            return json.readValue(response.body(), type);
        }
        String reason;
        try {
            reason = json.readValue(response.body(), Failure.class).error().reason();
        } catch (IOException | RuntimeException unreadable) {
            reason = "(no error body)";
        }
        throw new IOException("the pinning service answered HTTP " + status + ": " + reason);
    }
}
