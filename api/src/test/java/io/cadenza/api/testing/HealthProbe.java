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

    /** As anyone sees it: the status only. */
    public static HttpResponse<String> get(URI applicationUrl) throws IOException, InterruptedException {
        return get(applicationUrl, null);
    }

    /** With the details, as an admin (its access token) sees it. */
    public static HttpResponse<String> get(URI applicationUrl, String adminToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(applicationUrl.resolve("/health"))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The configured admin's access token (see ExternalServices), for reading the details. */
    public static String adminToken(URI applicationUrl) {
        return new ApiClient(applicationUrl).admin().accessToken();
    }
}
