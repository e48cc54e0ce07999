package io.cadenza.api.twofactor;

import io.cadenza.api.accounts.AuthConfiguration;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals TOTP secrets for storage (AES-256-GCM, a fresh nonce each): the server must read them back to check codes, so
 * they cannot be hashed, and a copy of the database alone must not yield everyone's second factor. The key is derived
 * from {@code cadenza.auth.token-secret} (which already guards every session); changing that secret makes enrolled
 * accounts enrol again. Without a configured secret (development) the key lives as long as the process.
 */
@Singleton
public class SecretSeal {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SecretSeal.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretSeal(AuthConfiguration configuration) {
        byte[] material;
        if (configuration.tokenSecret() != null) {
            material = configuration.tokenSecret().getBytes(StandardCharsets.UTF_8);
        } else {
            material = new byte[32];
            random.nextBytes(material);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("cadenza two-factor secrets v1:".getBytes(StandardCharsets.US_ASCII));
            key = new SecretKeySpec(sha256.digest(material), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public byte[] seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a two-factor secret", e);
        }
    }

    public String open(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            // Not the caller's fault, and not a wrong code: this instance's key is not the one that sealed it.
            LOG.error("a two-factor secret could not be opened: cadenza.auth.token-secret differs from the one it was"
                    + " sealed under (instances must share it; after a change, accounts enrol again)");
            throw new ProblemException(ProblemType.UNAVAILABLE, "Two-factor codes cannot be checked right now.");
        }
    }
}
