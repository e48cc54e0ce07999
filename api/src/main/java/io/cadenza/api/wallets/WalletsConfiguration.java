package io.cadenza.api.wallets;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * Wallet linking.
 *
 * @param siweOrigin the origin of the web application users sign from: its authority is the SIWE {@code domain} that
 *     wallets show and check, and the whole origin is the message's {@code URI}
 * @param challengeLifetime how long a challenge may wait for its signature
 */
@ConfigurationProperties("cadenza.wallets")
public record WalletsConfiguration(
        @Bindable(defaultValue = "http://localhost:8080") @NotNull URI siweOrigin,
        @Bindable(defaultValue = "5m") @NotNull Duration challengeLifetime) {}
