package io.cadenza.api.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.api.accounts.AuthConfiguration;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two-factor secrets at rest: sealed, never twice alike, and refused plainly under another key. */
class SecretSealTest {
    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Test
    void aSealedSecretOpensUnderItsKeyAndShowsNothingOfItself() {
        SecretSeal seal = seal("a test signing key of at least thirty-two bytes");
        byte[] first = seal.seal(SECRET);
        byte[] second = seal.seal(SECRET);
        assertThat(first).isNotEqualTo(second);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(seal.open(first)).isEqualTo(SECRET);
        assertThat(seal.open(second)).isEqualTo(SECRET);
    }

    @Test
    void underAnotherKeyItIsRefusedAsUnavailableNotAsAnInternalError() {
        byte[] sealed = seal("a test signing key of at least thirty-two bytes").seal(SECRET);
        SecretSeal other = seal("another signing key of at least thirty-two bytes");
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(ProblemException.class)
                .satisfies(refused -> assertThat(((ProblemException) refused).type()).isEqualTo(ProblemType.UNAVAILABLE));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> seal("a test signing key of at least thirty-two bytes").open(tampered))
                .isInstanceOf(ProblemException.class);
    }

    private static SecretSeal seal(String tokenSecret) {
        return new SecretSeal(new AuthConfiguration(tokenSecret, Duration.ofMinutes(15), Duration.ofDays(30), 5,
                Duration.ofMinutes(15), 20, Duration.ofSeconds(30), null, null, null, Duration.ofMinutes(5)));
    }
}
