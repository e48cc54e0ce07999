package io.cadenza.api.accounts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Accounts and tokens.
 *
 * @param tokenSecret the HMAC key access tokens are signed with (at least 32 bytes); shared by every instance. When
 *     absent a random key is made at start-up, and tokens die with the process: fine for development only
 * @param accessTokenLifetime how long an access token is accepted (an ended login's are refused before)
 * @param refreshTokenLifetime how long a login lasts without activity
 * @param loginFailuresMax failed logins for one email from one client before that client is locked out of it
 * @param lockout how long a client stays locked out of an email, and the window failures are counted in
 * @param loginBackoffAfter failed logins for one email from all clients together, in a window, after which the email
 *     takes one attempt per {@code loginBackoff} from anywhere
 * @param loginBackoff the interval of that slow lane
 * @param adminEmail an admin account created at start-up when no account has this email
 * @param adminPassword its password (only read when the account is created)
 * @param adminTotpSecret the configured admin's TOTP secret (base32), enrolled when the account is created, so that a
 *     deployment's first admin never runs without a second factor; without it that admin enrols at first sign-in
 * @param stepUpLifetime how long a fresh code admits actions that move money or rights
 */
@ConfigurationProperties("cadenza.auth")
public record AuthConfiguration(
        @Nullable String tokenSecret,
        @Bindable(defaultValue = "15m") @NotNull Duration accessTokenLifetime,
        @Bindable(defaultValue = "30d") @NotNull Duration refreshTokenLifetime,
        @Bindable(defaultValue = "5") @Min(1) @Max(100) int loginFailuresMax,
        @Bindable(defaultValue = "15m") @NotNull Duration lockout,
        @Bindable(defaultValue = "20") @Min(1) @Max(10_000) int loginBackoffAfter,
        @Bindable(defaultValue = "30s") @NotNull Duration loginBackoff,
        @Nullable String adminEmail,
        @Nullable String adminPassword,
        @Nullable @jakarta.validation.constraints.Pattern(regexp = "[A-Z2-7]{16,128}",
                message = "must be a base32 TOTP secret (A-Z, 2-7; at least 16 letters)") String adminTotpSecret,
        @Bindable(defaultValue = "5m") @NotNull Duration stepUpLifetime) {

    @Override
    public String toString() {
        return "AuthConfiguration[accessTokenLifetime=" + accessTokenLifetime + ", refreshTokenLifetime="
                + refreshTokenLifetime + ", loginFailuresMax=" + loginFailuresMax + ", lockout=" + lockout + ", loginBackoffAfter=" + loginBackoffAfter + ", loginBackoff=" + loginBackoff
                + ", adminEmail=" + adminEmail + ", stepUpLifetime=" + stepUpLifetime + "]";
    }
}
