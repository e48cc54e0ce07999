package io.cadenza.api.idempotency;

import io.cadenza.api.text.Sha256;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.cadenza.api.scheduling.FixedDelayTask;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on creating POSTs, as Stripe does it: the first successful answer for a key is stored and
 * replayed to every retry of the same request; the same key with another request is refused; a retry while the
 * first is still running is told so. A failed request stores nothing, so that it can be retried as it is.
 *
 * <ul>
 *   <li>The answer is stored in the transaction of the request's effects: a process killed after they commit has
 *       stored the answer too, and the retry replays it (instead of running the request again, into "ISRC taken").
 *   <li>A running request holds a lease, renewed by its instance while it runs; when its process dies, the lease
 *       runs out within {@code cadenza.idempotency.lease} and a retry takes the key over.
 *   <li>Requests are compared by a canonical fingerprint: their JSON with every object's keys sorted, so that the
 *       same request fingerprints alike in every process (a {@code Map.of}'s order changes from one JVM to another).
 * </ul>
 */
@Singleton
public class IdempotentRequests implements AutoCloseable {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int KEY_LENGTH_MAX = 255;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1," + KEY_LENGTH_MAX + "}");

    private final IdempotencyKeys keys;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;
    private final Duration lease;
    /** This process, as the owner of the leases it holds. */
    private final String owner = "instance-" + UUID.randomUUID();
    private final FixedDelayTask renewal;

    public IdempotentRequests(IdempotencyKeys keys, JsonMapper json, Clock clock,
            TransactionOperations<Connection> transactions, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${cadenza.idempotency.lease:60s}") Duration lease) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
        this.lease = lease;
        Duration every = lease.dividedBy(3);
        this.renewal = new FixedDelayTask(scheduler, "idempotency lease renewal", every, every,
                () -> keys.renew(owner, clock.instant().plus(lease)));
    }

    @Override
    @PreDestroy
    public void close() {
        renewal.close();
    }

    /**
     * The SHA-256 of the request as canonical JSON (object keys sorted at every level, no spaces): what decides
     * whether a retry is the same request, in this process or another.
     */
    public byte[] fingerprint(Object request) {
        return fingerprint(json, request);
    }

    /** {@link #fingerprint(Object)} with the given mapper. */
    public static byte[] fingerprint(JsonMapper json, Object request) {
        try {
            return sha256(json.writeValueAsBytes(canonical(json.writeValueToTree(request))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same JSON with every object's keys in sorted order. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.entries().forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
            return JsonNode.createObjectNode(sorted);
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.values().forEach(item -> items.add(canonical(item)));
            return JsonNode.createArrayNode(items);
        }
        return node;
    }

    /**
     * Runs {@code action} once for {@code key} within {@code scope} (the caller and the route), or answers what it
     * answered before. Without a key, simply runs it.
     */
    public MutableHttpResponse<?> run(String scope, @Nullable String key, byte[] fingerprint,
            Supplier<MutableHttpResponse<?>> action) {
        return run(scope, key, fingerprint, action, () -> true);
    }

    /**
     * As {@link #run(String, String, byte[], Supplier)}, for a scope that does not name the caller (a sign-up): a
     * stored answer is replayed only to a caller {@code sameCaller} recognises (the password matches), so that
     * nobody is handed another's answer by guessing the key; anyone else is told the key was used for another request.
     */
    public MutableHttpResponse<?> run(String scope, @Nullable String key, byte[] fingerprint,
            Supplier<MutableHttpResponse<?>> action, java.util.function.BooleanSupplier sameCaller) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalidField(HEADER, "must be 1 to " + KEY_LENGTH_MAX + " printable ASCII characters");
        }
        if (!claim(scope, key, fingerprint)) {
            return replay(scope, key, fingerprint, sameCaller);
        }
        try {
            // The effects and the answer commit together: the action's own transactions join this one.
            return transactions.executeWrite(status -> {
                MutableHttpResponse<?> response = action.get();
                store(scope, key, response);
                return response;
            });
        } catch (RuntimeException | Error e) {
            release(scope, key);
            throw e;
        }
    }

    /** Marks the key as running under this instance's lease; false when it is already known. */
    private boolean claim(String scope, String key, byte[] fingerprint) {
        Instant now = clock.instant();
        return keys.claim(scope, key, fingerprint, now, owner, now.plus(lease)) == 1;
    }

    private MutableHttpResponse<?> replay(String scope, String key, byte[] fingerprint,
            java.util.function.BooleanSupplier sameCaller) {
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
        if (!sameCaller.getAsBoolean()) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request.");
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
        return Sha256.of(bytes);
    }
}
