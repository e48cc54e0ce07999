package io.cadenza.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An access token of the caller's current login, as a step-up or an enrolment answers it; {@code stepUpExpiresAt}
 * says until when it admits actions that ask for a recent code.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessToken(String accessToken, String tokenType, long expiresIn, @Nullable Instant stepUpExpiresAt) {
    @Override
    public String toString() {
        return "AccessToken[expiresIn=" + expiresIn + "]";
    }
}
