package io.cadenza.api.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * The Redis server. When {@code uri} is absent, an embedded Redis is started (dev services).
 *
 * @param uri e.g. redis://:password@cache:6379/0; the password is never logged
 * @param commandTimeout how long a command may wait, including for a reconnect, before it fails
 */
@ConfigurationProperties("cadenza.redis")
public record RedisConfiguration(@Nullable URI uri, @Bindable(defaultValue = "5s") @NotNull Duration commandTimeout) {
    @Override
    public String toString() {
        return "RedisConfiguration[uri=" + RedisEndpoint.redact(uri) + ", commandTimeout=" + commandTimeout + "]";
    }
}
