package io.cadenza.api.accounts;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** What a login or a refresh answers: a short-lived bearer token and the token that gets the next one. */
@Serdeable
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken,
        Instant refreshTokenExpiresAt) {

    @Override
    public String toString() {
        return "TokenPair[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
