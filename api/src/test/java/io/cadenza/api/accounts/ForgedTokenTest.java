package io.cadenza.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.TestApplication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens signed with the application's own key but not shaped as it mints them are refused with 401, never a 500:
 * as if the key had leaked, or a token had been made by hand.
 */
@ExtendWith(TestApplication.Extension.class)
class ForgedTokenTest {
    /** The shared test application's key (TestApplication). */
    private static final byte[] KEY = "a test signing key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void aTokenAsMintedButResignedIsAcceptedSoTheForgeriesBelowAreRefusedForTheirShape(TestApplication application)
            throws Exception {
        ApiClient api = application.client();
        Session session = api.signUp("INVESTOR");
        assertThat(me(api, forge(session, claims -> claims)).status()).isEqualTo(200);
    }

    @Test
    void forgedShapesAreRefusedWith401(TestApplication application) throws Exception {
        ApiClient api = application.client();
        Session session = api.signUp("INVESTOR");
        Instant now = Instant.now();
        List<UnaryOperator<JWTClaimsSet.Builder>> forgeries = List.of(
                claims -> claims.expirationTime(null),
                claims -> claims.notBeforeTime(Date.from(now.plusSeconds(3_600))),
                claims -> claims.claim("sid", null),
                claims -> claims.claim("sid", "not-a-login"),
                claims -> claims.claim("roles", List.of("INVESTOR", "ADMIN")),
                claims -> claims.claim("roles", List.of()),
                claims -> claims.claim("roles", List.of("ROOT")),
                claims -> claims.subject("not-a-uuid"),
                claims -> claims.subject("1-1-1-1-1"),
                claims -> claims.subject(UUID.randomUUID().toString()),
                claims -> claims.subject(null));
        for (int forgery = 0; forgery < forgeries.size(); forgery++) {
            Answer answer = me(api, forge(session, forgeries.get(forgery)));
            assertThat(answer.status()).as("forgery %d: %s", forgery, answer).isEqualTo(401);
        }
    }

    private static Answer me(ApiClient api, String token) {
        return api.get("/v1/me", token);
    }

    /** The session's own access token, its claims changed by {@code change}, signed again with the key. */
    private static String forge(Session session, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet minted = SignedJWT.parse(session.accessToken()).getJWTClaimsSet();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                change.apply(new JWTClaimsSet.Builder(minted)).build());
        forged.sign(new MACSigner(KEY));
        return forged.serialize();
    }
}
