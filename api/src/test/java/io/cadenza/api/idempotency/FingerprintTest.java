package io.cadenza.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.TestApplication;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request fingerprints alike whatever order its fields were put in, and so in every process: a {@code Map.of}'s
 * iteration order changes from one JVM to another, and a retry may reach another instance, or this one restarted.
 */
@ExtendWith(TestApplication.Extension.class)
class FingerprintTest {
    private final IdempotentRequests requests;

    FingerprintTest(TestApplication application) {
        this.requests = application.context().getBean(IdempotentRequests.class);
    }

    @Test
    void theSameFieldsInAnotherOrderFingerprintAlikeAtEveryLevel() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", 2);
        inner.put("a", List.of("x", "y"));
        Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("email", "ada@example.com");
        forward.put("role", "ARTIST");
        forward.put("profile", inner);
        Map<String, Object> innerReversed = new LinkedHashMap<>();
        innerReversed.put("a", List.of("x", "y"));
        innerReversed.put("b", 2);
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("profile", innerReversed);
        reversed.put("role", "ARTIST");
        reversed.put("email", "ada@example.com");

        assertThat(requests.fingerprint(reversed)).isEqualTo(requests.fingerprint(forward));
        reversed.put("role", "INVESTOR");
        assertThat(requests.fingerprint(reversed)).isNotEqualTo(requests.fingerprint(forward));
        // The order of a list is part of the request.
        innerReversed.put("a", List.of("y", "x"));
        reversed.put("role", "ARTIST");
        assertThat(requests.fingerprint(reversed)).isNotEqualTo(requests.fingerprint(forward));
    }

    @Test
    void aSignUpFingerprintsAlikeInAnotherJvm() throws Exception {
        Map<String, String> signUp = SignUpFingerprint.request();
        String here = HexFormat.of().formatHex(requests.fingerprint(signUp));
        for (int jvm = 0; jvm < 3; jvm++) {
            assertThat(SignUpFingerprint.inAnotherJvm()).as("JVM " + jvm).isEqualTo(here);
        }
    }
}
