package io.cadenza.api.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * Requests allowed per window, counted in Redis so that every instance shares the counts.
 *
 * @param perIp requests from one IP address per window, signed in or not
 * @param perAccount requests of one signed-in account per window, from anywhere
 * @param credentialsPerIp logins, sign-ups and refreshes from one IP address per window: guessing passwords is slow
 * @param window the counting window
 * @param trustForwardedFor take the client's address from X-Forwarded-For: only behind a proxy that sets it
 */
@ConfigurationProperties("cadenza.rate-limits")
public record RateLimitConfiguration(
        @Bindable(defaultValue = "600") @Positive int perIp,
        @Bindable(defaultValue = "600") @Positive int perAccount,
        @Bindable(defaultValue = "30") @Positive int credentialsPerIp,
        @Bindable(defaultValue = "1m") @NotNull Duration window,
        @Bindable(defaultValue = "false") boolean trustForwardedFor) {}
