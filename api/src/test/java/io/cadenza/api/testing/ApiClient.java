package io.cadenza.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A JSON client of the API, as a front end would be, with helpers for the steps most tests begin with. */
public final class ApiClient {
    public static final String PASSWORD = "a long enough test password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public ApiClient(URI base) {
        this.base = base;
    }

    /** An answer: status, headers and the body, parsed when it is JSON. */
    public record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The problem type's last path segment, e.g. {@code email-taken}. */
        public String problemType() {
            String type = json.path("type").asText();
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** A signed-up, logged-in account. */
    public record Session(UUID id, String email, String role, String accessToken, String refreshToken) {}

    public static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            node.set((String) keysAndValues[index], JSON.valueToTree(keysAndValues[index + 1]));
        }
        return node;
    }

    public Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Answer post(String path, Object body, String token) {
        return post(path, body, token, Map.of());
    }

    public Answer post(String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : write(body)));
        headers.forEach(request::header);
        return send(request);
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body.isEmpty() || !response.headers().firstValue("Content-Type").orElse("")
                    .contains("json") ? JSON.missingNode() : JSON.readTree(body);
            return new Answer(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /**
     * Signs up a new account with a unique email, logs it in, and answers its session. An artist is approved by the
     * configured admin, as onboarding would: its masters go on chain (see {@link #signUpUnreviewed} for one that is
     * not).
     */
    public Session signUp(String role) {
        Session session = signUpUnreviewed(role);
        if (role.equals("ARTIST")) {
            Answer approved = post("/v1/admin/artists/" + session.id() + "/review", object("approved", true),
                    admin().accessToken());
            if (approved.status() != 200) {
                throw new IllegalStateException("approving the artist failed: " + approved);
            }
        }
        return session;
    }

    /** Signs up and logs in, as {@link #signUp}, leaving an artist awaiting the admins' review. */
    public Session signUpUnreviewed(String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@example.test";
        Answer created = post("/v1/accounts", object("email", email, "password", PASSWORD, "role", role), null);
        if (created.status() != 201) {
            throw new IllegalStateException("sign-up failed: " + created);
        }
        return login(email, PASSWORD);
    }

    public Session login(String email, String password) {
        Answer login = post("/v1/sessions", object("email", email, "password", password), null);
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        Answer me = get("/v1/me", login.json().get("accessToken").asText());
        return new Session(UUID.fromString(me.json().get("id").asText()), email, me.json().get("role").asText(),
                login.json().get("accessToken").asText(), login.json().get("refreshToken").asText());
    }

    /** Links the wallet to the session's account by signing a fresh challenge, as a browser wallet would. */
    public void linkWallet(Session session, TestWallet wallet) {
        Answer challenge = post("/v1/wallets/challenge", object("address", wallet.address()), session.accessToken());
        String message = challenge.json().get("message").asText();
        Answer linked = post("/v1/wallets", object("message", message, "signature", wallet.sign(message)),
                session.accessToken());
        if (linked.status() != 201) {
            throw new IllegalStateException("linking failed: " + linked);
        }
    }

    public Answer upload(String path, MultipartBody body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", body.contentType())
                .POST(body.publisher());
        headers.forEach(request::header);
        return send(request);
    }

    public Session admin() {
        return login(TestApplication.ADMIN_EMAIL, TestApplication.ADMIN_PASSWORD);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
