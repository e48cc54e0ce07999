package io.cadenza.api.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A Server-Sent Events client as a browser's would be: collects the events of one open stream. */
public final class SseStream implements AutoCloseable {
    /** One event: its id, name and data. */
    public record SseEvent(String id, String name, String data) {}

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;
    private volatile boolean ended;

    public SseStream(URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            status = answer.statusCode();
            String id = null;
            String name = null;
            List<String> data = new ArrayList<>();
            for (String line : (Iterable<String>) answer.body()::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new SseEvent(id, name, String.join("\n", data)));
                    }
                    id = null;
                    name = null;
                    data.clear();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            }
            ended = true;
        });
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    public int status() {
        return status;
    }

    /** The events received so far, heartbeats left out. */
    public List<SseEvent> events() {
        return events.stream().filter(event -> !"heartbeat".equals(event.name())).toList();
    }

    public List<String> names() {
        return events().stream().map(SseEvent::name).toList();
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
        response.cancel(true);
    }
}
