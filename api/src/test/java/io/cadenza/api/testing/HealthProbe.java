package io.cadenza.api.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads /health of a running application over HTTP, as a load balancer would. */
public final class HealthProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private HealthProbe() {}

    public static HttpResponse<String> get(URI applicationUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(applicationUrl.resolve("/health"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
