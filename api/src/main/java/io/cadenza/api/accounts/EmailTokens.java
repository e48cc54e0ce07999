package io.cadenza.api.accounts;

import io.cadenza.api.text.Sha256;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The tokens of one-time links sent by mail: 256 random bits, stored as their SHA-256 only, spent once, and dead
 * after their lifetime. Every refusal (unknown, forged, expired, spent, for another purpose) answers alike.
 */
@Singleton
public class EmailTokens {
    private static final int TOKEN_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final EmailTokenStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EmailTokens(EmailTokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new token for the account's {@code email}; the caller mails it and forgets it. */
    public String issue(UUID accountId, String email, EmailToken.Purpose purpose, Duration lifetime) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = now();
        store.insert(hash(token), accountId, purpose.name(), email, now, now.plus(lifetime));
        return token;
    }

    /** The token's record if it could be spent now, without spending it (a sign-in link still waiting for a code). */
    public EmailToken check(String token, EmailToken.Purpose purpose) {
        return store.usable(hashOrRefuse(token), purpose.name(), now()).orElseThrow(EmailTokens::invalid);
    }

    /** Spends the token: of concurrent callers with the same token exactly one gets its record. */
    public EmailToken spend(String token, EmailToken.Purpose purpose) {
        byte[] hash = hashOrRefuse(token);
        Instant now = now();
        EmailToken found = store.usable(hash, purpose.name(), now).orElseThrow(EmailTokens::invalid);
        if (store.use(hash, purpose.name(), now) != 1) {
            throw invalid();
        }
        return found;
    }

    /** Spends the account's other open tokens for {@code purpose}. */
    public void spendAll(UUID accountId, EmailToken.Purpose purpose) {
        store.useAll(accountId, purpose.name(), now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] hashOrRefuse(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            throw invalid();
        }
        return hash(token);
    }

    private static ProblemException invalid() {
        return new ProblemException(ProblemType.INVALID_LINK, "The link is unknown, expired or already used; ask"
                + " for a new one.");
    }

    static byte[] hash(String token) {
        return Sha256.of(token);
    }
}
