package io.cadenza.api.accounts;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The key access tokens are signed and checked with (HS256), from {@code cadenza.auth.token-secret}. */
@Factory
public class TokenSigningFactory {
    public static final int SECRET_BYTES_MIN = 32;
    private static final Logger LOG = LoggerFactory.getLogger(TokenSigningFactory.class);

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration accessTokenSignature(AuthConfiguration configuration) {
        SecretSignatureConfiguration signature = new SecretSignatureConfiguration("generator");
        signature.setJwsAlgorithm(JWSAlgorithm.HS256);
        signature.setSecret(secret(configuration));
        return new SecretSignature(signature);
    }

    private static String secret(AuthConfiguration configuration) {
        String configured = configuration.tokenSecret();
        if (configured == null || configured.isBlank()) {
            LOG.warn("cadenza.auth.token-secret is not set: access tokens are signed with a key made at start-up,"
                    + " so they are not accepted by other instances nor after a restart (development only)");
            byte[] random = new byte[SECRET_BYTES_MIN];
            new SecureRandom().nextBytes(random);
            return Base64.getEncoder().encodeToString(random);
        }
        if (configured.getBytes(StandardCharsets.UTF_8).length < SECRET_BYTES_MIN) {
            throw new IllegalStateException("cadenza.auth.token-secret must be at least " + SECRET_BYTES_MIN
                    + " bytes long");
        }
        return configured;
    }
}
