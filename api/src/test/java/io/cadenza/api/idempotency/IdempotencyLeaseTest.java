package io.cadenza.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.TestApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request running under an Idempotency-Key holds a lease. When its process dies the lease is no longer renewed: a
 * retry takes the key over once the lease ran out, and is told "still being processed" while it runs.
 */
@ExtendWith(TestApplication.Extension.class)
class IdempotencyLeaseTest {
    private static final String SCOPE = "anonymous:POST /v1/accounts";

    private final ApiClient api;
    private final IdempotencyKeys keys;
    private final IdempotentRequests requests;

    IdempotencyLeaseTest(TestApplication application) {
        this.api = application.client();
        this.keys = application.context().getBean(IdempotencyKeys.class);
        this.requests = application.context().getBean(IdempotentRequests.class);
    }

    @Test
    void aKeyWhoseLeaseRanOutIsTakenOverByTheRetry() {
        String email = "lease-" + UUID.randomUUID() + "@example.com";
        String key = "signup-" + UUID.randomUUID();
        Instant now = Instant.now();
        // What a process killed mid-request leaves: the marker, with a lease nobody renews any more.
        assertThat(keys.claim(SCOPE, key, fingerprint(email), now.minusSeconds(120), "a-dead-instance",
                now.minusSeconds(60))).isEqualTo(1);

        Answer retried = signUp(email, key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(signUp(email, key).header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
    }

    @Test
    void aKeyWhoseLeaseIsStillHeldIsToldItIsBeingProcessed() {
        String email = "held-" + UUID.randomUUID() + "@example.com";
        String key = "signup-" + UUID.randomUUID();
        Instant now = Instant.now();
        keys.claim(SCOPE, key, fingerprint(email), now, "a-live-instance", now.plus(Duration.ofMinutes(1)));

        Answer retried = signUp(email, key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(409);
        assertThat(retried.raw().body()).contains("still being processed");
    }

    @Test
    void anInstanceRenewsTheLeasesItHolds() {
        String key = "renew-" + UUID.randomUUID();
        Instant now = Instant.now();
        keys.claim(SCOPE, key, fingerprint("renew@example.com"), now, "an-instance", now.plusSeconds(1));

        assertThat(keys.renew("an-instance", now.plusSeconds(60))).isEqualTo(1);
        assertThat(keys.renew("another-instance", now.plusSeconds(60))).isZero();
        // Renewed, so still held a second later: a retry is told it runs.
        assertThat(keys.claim(SCOPE, key, fingerprint("renew@example.com"), now.plusSeconds(2), "a-retry",
                now.plusSeconds(62))).isZero();
    }

    private byte[] fingerprint(String email) {
        return requests.fingerprint(Map.of("email", email, "role", "INVESTOR"));
    }

    private Answer signUp(String email, String key) {
        return api.post("/v1/accounts", Map.of("email", email, "password", "a long enough passphrase 1",
                "role", "INVESTOR"), null, Map.of(IdempotentRequests.HEADER, key));
    }
}
