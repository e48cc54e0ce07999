package io.cadenza.api.accounts;

import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts only access tokens shaped as {@link Sessions} mints them, even when signed with the right key: an
 * expiry, no not-before in the future, a login ({@code sid}, a UUID), exactly one role this application knows, and a
 * subject that is an account's id. Anything else is refused as an invalid token (401), never a 500 further on.
 *
 * <p>Accounts are never deleted, so the ids found are remembered (a bounded set): an account is looked up once per
 * instance, not on every request.
 */
@Singleton
class MintedClaimsValidator<T> implements GenericJwtClaimsValidator<T> {
    /** Clocks of instances differ a little: a not-before this far ahead is still accepted. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final int KNOWN_ACCOUNTS_MAX = 100_000;

    private final AccountStore accounts;
    private final Clock clock;
    private final Set<UUID> knownAccounts = ConcurrentHashMap.newKeySet();

    MintedClaimsValidator(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        if (instant(claims.get(Claims.EXPIRATION_TIME)) == null) {
            return false;
        }
        Object notBefore = claims.get(Claims.NOT_BEFORE);
        if (notBefore != null) {
            Instant from = instant(notBefore);
            if (from == null || from.isAfter(clock.instant().plus(CLOCK_SKEW))) {
                return false;
            }
        }
        if (uuid(claims.get(Sessions.SESSION_CLAIM)) == null || !oneKnownRole(claims.get("roles"))) {
            return false;
        }
        UUID subject = uuid(claims.get(Claims.SUBJECT));
        return subject != null && isAccount(subject);
    }

    private boolean isAccount(UUID id) {
        if (knownAccounts.contains(id)) {
            return true;
        }
        if (accounts.findById(id).isEmpty()) {
            return false;
        }
        if (knownAccounts.size() >= KNOWN_ACCOUNTS_MAX) {
            knownAccounts.clear();
        }
        knownAccounts.add(id);
        return true;
    }

    private static boolean oneKnownRole(Object roles) {
        List<?> named = roles instanceof Collection<?> collection ? List.copyOf(collection)
                : roles instanceof String single ? List.of(single) : List.of();
        if (named.size() != 1) {
            return false;
        }
        try {
            Role.valueOf(String.valueOf(named.getFirst()));
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static UUID uuid(Object value) {
        if (!(value instanceof String text) || text.length() != 36) {
            return null;
        }
        try {
            UUID parsed = UUID.fromString(text);
            // UUID.fromString accepts short groups; only the canonical spelling is one this application wrote.
            return parsed.toString().equals(text.toLowerCase(java.util.Locale.ROOT)) ? parsed : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Date date -> date.toInstant();
            case Instant instant -> instant;
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> null;
        };
    }
}
