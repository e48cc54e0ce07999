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
    /** Authenticator secrets of the accounts tests enrolled, by email: logins answer their codes. */
    private static final Map<String, String> SECRETS = new java.util.concurrent.ConcurrentHashMap<>(
            Map.of(TestApplication.ADMIN_EMAIL, TestApplication.ADMIN_TOTP_SECRET));
    /** The configured admin's session per application, reused while its step-up lasts (5 minutes): see admin(). */
    private static final Map<URI, Session> ADMINS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<URI, java.time.Instant> ADMIN_SINCE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public ApiClient(URI base) {
        this.base = base;
    }

    /** The application's base URI. */
    @Override
    public String toString() {
        return base.toString();
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
        Session session = signUpUnverified(role);
        verifyEmail(session.email());
        return session;
    }

    /** Signs up and logs in without opening the verification link: the account may not upload or be paid yet. */
    public Session signUpUnverified(String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@example.test";
        Answer created = post("/v1/accounts", object("email", email, "password", PASSWORD, "role", role), null);
        if (created.status() != 201) {
            throw new IllegalStateException("sign-up failed: " + created);
        }
        return login(email, PASSWORD);
    }

    /** Opens the verification link mailed to {@code email} (the first one), as its owner would. */
    public void verifyEmail(String email) {
        String token = TestMail.await(email, 1).link().token();
        Answer verified = post("/v1/email-verifications", object("token", token), null);
        if (verified.status() != 200) {
            throw new IllegalStateException("verifying the email failed: " + verified);
        }
    }

    /**
     * Logs in; an account with an authenticator a test enrolled (the configured admin's included) sends a fresh code
     * too, which makes the session stepped up for five minutes.
     */
    public Session login(String email, String password) {
        Answer login = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            String secret = SECRETS.get(email);
            login = post("/v1/sessions", secret == null ? object("email", email, "password", password)
                    : object("email", email, "password", password, "code", TestTotp.next(email, secret)),
                    null);
            // A process outside this JVM on the same database may have used this step: take the next one.
            if (login.status() != 401 || !"invalid-second-factor".equals(login.problemType())) {
                break;
            }
        }
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

    /**
     * The configured admin, logged in with a code: its session is stepped up (approving, pausing, allowlisting work)
     * and is reused for four minutes, inside the five its step-up lasts.
     */
    public Session admin() {
        synchronized (ADMINS) {
            java.time.Instant since = ADMIN_SINCE.get(base);
            // Reused while fresh and alive (a test may have ended the admin's logins).
            if (since != null && since.isAfter(java.time.Instant.now().minus(Duration.ofMinutes(4)))
                    && get("/v1/me", ADMINS.get(base).accessToken()).status() == 200) {
                return ADMINS.get(base);
            }
            // Applications on one database share its token secret (ExternalServices): the newest session of the
            // admin, made for another, works here too when it is the same database, and spares a code (the
            // configured admin's codes are rationed). One probe only: some applications have tight rate limits.
            java.util.Optional<URI> newest = ADMIN_SINCE.entrySet().stream()
                    .filter(entry -> !entry.getKey().equals(base)).max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey);
            if (newest.isPresent()) {
                java.time.Instant otherSince = ADMIN_SINCE.get(newest.get());
                Session other = ADMINS.get(newest.get());
                if (otherSince.isAfter(java.time.Instant.now().minus(Duration.ofMinutes(4)))
                        && get("/v1/me", other.accessToken()).status() == 200) {
                    ADMINS.put(base, other);
                    ADMIN_SINCE.put(base, otherSince);
                    return other;
                }
            }
            Session session = login(TestApplication.ADMIN_EMAIL, TestApplication.ADMIN_PASSWORD);
            ADMINS.put(base, session);
            ADMIN_SINCE.put(base, java.time.Instant.now());
            return session;
        }
    }

    /** A fresh login of the configured admin (not the shared one): for tests that end or change its sessions. */
    public Session adminLogin() {
        return login(TestApplication.ADMIN_EMAIL, TestApplication.ADMIN_PASSWORD);
    }

    /** An authenticator enrolled for the session's account: answers its secret and recovery codes. */
    public record Authenticator(String secret, java.util.List<String> recoveryCodes, String accessToken) {}

    /** Enrols an authenticator for the account (begin, confirm with a computed code); later logins send codes. */
    public Authenticator enrolTwoFactor(Session session) {
        Answer begun = post("/v1/me/two-factor", object(), session.accessToken());
        if (begun.status() != 200) {
            throw new IllegalStateException("enrolling failed: " + begun);
        }
        String secret = begun.json().get("secret").asText();
        Answer confirmed = post("/v1/me/two-factor/confirm", object("code",
                TestTotp.next(session.email(), secret)), session.accessToken());
        if (confirmed.status() != 200) {
            throw new IllegalStateException("confirming failed: " + confirmed);
        }
        SECRETS.put(session.email(), secret);
        java.util.List<String> codes = new java.util.ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(code -> codes.add(code.asText()));
        return new Authenticator(secret, codes, confirmed.json().get("session").get("accessToken").asText());
    }

    /** A code for the account's enrolled authenticator, not used before. */
    public String code(String email) {
        return TestTotp.next(email, SECRETS.get(email));
    }

    /** A new admin, made by the configured one, with an authenticator, logged in with a code. */
    public Session newAdmin() {
        String email = "admin-" + UUID.randomUUID() + "@example.test";
        Answer created = post("/v1/admin/accounts", object("email", email, "password", PASSWORD, "role", "ADMIN"),
                admin().accessToken());
        if (created.status() != 201) {
            throw new IllegalStateException("creating an admin failed: " + created);
        }
        enrolTwoFactor(login(email, PASSWORD));
        return login(email, PASSWORD);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
