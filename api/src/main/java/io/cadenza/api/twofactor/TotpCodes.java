package io.cadenza.api.twofactor;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * RFC 6238 codes: six digits, HMAC-SHA1, 30-second steps, as every authenticator app makes them. A code is accepted
 * for its own step and one step either side (a clock up to 30 s off); which step it matched is answered, so that a
 * code is never accepted twice (see {@link TwoFactor}).
 */
public final class TotpCodes {
    public static final int PERIOD_SECONDS = 30;
    public static final int DIGITS = 6;
    /** Steps either side of the current one that are accepted. */
    public static final int SKEW_STEPS = 1;
    private static final Pattern SHAPE = Pattern.compile("[0-9]{6}");
    private static final DefaultCodeGenerator GENERATOR = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    private TotpCodes() {}

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code of {@code step} for the base32 {@code secret}. */
    public static String code(String secret, long step) {
        try {
            return GENERATOR.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("a stored secret cannot make codes", e);
        }
    }

    /** The latest step within the skew whose code is {@code code}, compared in constant time; empty when none is. */
    public static OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || !SHAPE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        long current = step(now);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long matched = -1;
        // Every step is computed and compared, whichever matches: the time taken does not say which did.
        for (long candidate = current - SKEW_STEPS; candidate <= current + SKEW_STEPS; candidate++) {
            if (MessageDigest.isEqual(given, code(secret, candidate).getBytes(StandardCharsets.US_ASCII))) {
                matched = candidate;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }
}
