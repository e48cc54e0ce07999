package io.cadenza.api.accounts;

import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses an access token whose login has ended (see {@link RevokedSessions}). Generic in the request type, as
 * Micronaut's own claim validators are: the token validator asks for validators of its request type.
 */
@Singleton
class RevokedSessionClaimsValidator<T> implements GenericJwtClaimsValidator<T> {
    private final RevokedSessions revoked;

    RevokedSessionClaimsValidator(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        Object session = claims.get(Sessions.SESSION_CLAIM);
        return session == null || !revoked.isRevoked(session.toString());
    }
}
