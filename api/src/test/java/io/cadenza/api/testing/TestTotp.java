package io.cadenza.api.testing;

import io.cadenza.api.twofactor.TotpCodes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Codes from a test's authenticator: computed from the secret like an app would. The server accepts each time step
 * once, so the codes handed out for one account are of rising steps (per email, whatever the application: the
 * configured admin of one database is signed in by several applications): the step before the current
 * one first, then the current one, the next, and after that the authenticator waits for the clock.
 */
public final class TestTotp {
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private TestTotp() {}

    /** A code the server has not seen for {@code account} (its email), waiting for the clock if it must. */
    public static String next(String account, String secret) {
        synchronized (LAST_STEP) {
            long current = TotpCodes.step(Instant.now());
            long step = Math.max(LAST_STEP.getOrDefault(account, Long.MIN_VALUE) + 1, current - TotpCodes.SKEW_STEPS);
            while (step > TotpCodes.step(Instant.now()) + TotpCodes.SKEW_STEPS) {
                sleep(200);
            }
            LAST_STEP.put(account, step);
            return TotpCodes.code(secret, step);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
