package io.cadenza.api.devservices;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * Settings of the services the application starts itself when no external URL is configured.
 *
 * @param logDirectory where the dev services' own logs go (the Hardhat node's, for one)
 */
@ConfigurationProperties("cadenza.dev")
public record DevServicesConfiguration(@Bindable(defaultValue = ".cadenza/logs") @NotNull Path logDirectory) {}
