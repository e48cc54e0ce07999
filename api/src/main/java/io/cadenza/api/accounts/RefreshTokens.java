package io.cadenza.api.accounts;

import io.cadenza.api.text.Sha256;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Opaque, revocable refresh tokens. Only their SHA-256 is stored. Each use rotates the token; presenting a token that
 * was already rotated or revoked means a copy leaked, so its whole family (every token descended from the same login)
 * is revoked.
 */
@Singleton
public class RefreshTokens {
    public static final String PREFIX = "rt_";
    private static final int TOKEN_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("rt_[A-Za-z0-9_-]{43}");

    private final RefreshTokenStore store;
    private final RevokedSessions revokedSessions;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokens(RefreshTokenStore store, RevokedSessions revokedSessions) {
        this.store = store;
        this.revokedSessions = revokedSessions;
    }

    /** A refresh token, the account it belongs to, and its family: the login it descends from. */
    public record Issued(String token, UUID accountId, UUID familyId, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[accountId=" + accountId + ", familyId=" + familyId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Starts a new family, at login. */
    public Issued issue(UUID accountId, Duration lifetime, Clock clock) {
        return insert(accountId, UUID.randomUUID(), lifetime, clock.instant());
    }

    /**
     * Exchanges a valid token for its successor; empty when the token is unknown, expired, rotated or revoked. A
     * token that was already used means a copy leaked: its whole family is revoked, access tokens included.
     */
    @Transactional
    public Optional<Issued> rotate(String token, Duration lifetime, Clock clock) {
        if (!FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byte[] hash = sha256(token);
        Optional<RefreshTokenStore.StoredToken> stored = store.lock(hash);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (stored.get().spent()) {
            store.revokeFamily(stored.get().familyId(), now);
            revokedSessions.revoke(List.of(stored.get().familyId()));
            return Optional.empty();
        }
        if (!stored.get().expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        store.markRotated(hash, now);
        return Optional.of(insert(stored.get().accountId(), stored.get().familyId(), lifetime, now));
    }

    /**
     * Ends the login the token belongs to (logout), its access tokens included. Unknown tokens are ignored: logging
     * out twice is not an error.
     */
    public void revoke(String token, Clock clock) {
        if (!FORMAT.matcher(token).matches()) {
            return;
        }
        Optional<UUID> family = store.familyOf(sha256(token));
        if (family.isEmpty()) {
            return;
        }
        store.revokeFamily(family.get(), clock.instant());
        revokedSessions.revoke(List.of(family.get()));
    }

    /** Ends every login of the account, access tokens included; answers how many logins were still open. */
    public int revokeAll(UUID accountId, Clock clock) {
        // Every login that issued a token recently enough for an access token of it to be alive, whether or not
        // its refresh tokens are still open.
        List<UUID> families = store.familiesIssuedSince(accountId, clock.instant().minus(revokedSessions.window()));
        int open = store.revokeAll(accountId, clock.instant());
        revokedSessions.revoke(families);
        return open;
    }

    private Issued insert(UUID accountId, UUID familyId, Duration lifetime, Instant now) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = now.plus(lifetime);
        store.insert(sha256(token), accountId, familyId, now, expiresAt);
        return new Issued(token, accountId, familyId, expiresAt);
    }

    private static byte[] sha256(String token) {
        return Sha256.of(token);
    }
}
