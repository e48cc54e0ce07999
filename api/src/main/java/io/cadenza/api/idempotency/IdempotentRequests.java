package io.cadenza.api.idempotency;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on creating POSTs, as Stripe does it: the first successful answer for a key is stored and
 * replayed to every retry of the same request; the same key with another request is refused; a retry while the
 * first is still running is told so. A failed request stores nothing, so that it can be retried as it is.
 */
@Singleton
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int KEY_LENGTH_MAX = 255;
    /** A request still marked running after this is taken to have died with its instance. */
    public static final Duration IN_PROGRESS_STALE = Duration.ofMinutes(15);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1," + KEY_LENGTH_MAX + "}");

    private final IdempotencyKeys keys;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotentRequests(IdempotencyKeys keys, JsonMapper json, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    /** The SHA-256 of the request as JSON: what decides whether a retry is the same request. */
    public byte[] fingerprint(Object request) {
        try {
            return sha256(json.writeValueAsBytes(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code action} once for {@code key} within {@code scope} (the caller and the route), or answers what it
     * answered before. Without a key, simply runs it.
     */
    public MutableHttpResponse<?> run(String scope, @Nullable String key, byte[] fingerprint,
            Supplier<MutableHttpResponse<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalidField(HEADER, "must be 1 to " + KEY_LENGTH_MAX + " printable ASCII characters");
        }
        if (!claim(scope, key, fingerprint)) {
            return replay(scope, key, fingerprint);
        }
        MutableHttpResponse<?> response;
        try {
            response = action.get();
        } catch (RuntimeException | Error e) {
            release(scope, key);
            throw e;
        }
        store(scope, key, response);
        return response;
    }

    /** Marks the key as running; false when it is already known. */
    private boolean claim(String scope, String key, byte[] fingerprint) {
        Instant now = clock.instant();
        return keys.claim(scope, key, fingerprint, now, now.minus(IN_PROGRESS_STALE)) == 1;
    }

    private MutableHttpResponse<?> replay(String scope, String key, byte[] fingerprint) {
        IdempotencyKeys.StoredKey claimed = keys.find(scope, key)
                // Released by a failed first request between our claim and this read: the client retries.
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                        "A request with this Idempotency-Key has just failed; retry it."));
        if (!Arrays.equals(claimed.fingerprint(), fingerprint)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request.");
        }
        if (!"DONE".equals(claimed.state())) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "A request with this Idempotency-Key is still being processed.");
        }
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(claimed.responseStatus()))
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(claimed.responseBody());
        response.header(REPLAYED_HEADER, "true");
        if (claimed.location() != null) {
            response.header(HttpHeaders.LOCATION, claimed.location());
        }
        return response;
    }

    private void store(String scope, String key, MutableHttpResponse<?> response) {
        byte[] body;
        try {
            body = response.getBody().isPresent() ? json.writeValueAsBytes(response.getBody().get()) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.complete(scope, key, response.code(), body, response.getHeaders().get(HttpHeaders.LOCATION));
    }

    private void release(String scope, String key) {
        keys.release(scope, key);
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
