package io.cadenza.api.database;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The PostgreSQL database. When {@code url} is absent, an embedded PostgreSQL is started (dev services).
 *
 * @param url JDBC URL, e.g. jdbc:postgresql://db:5432/cadenza
 * @param username database user
 * @param password database password; never logged
 * @param poolSizeMax most connections the pool opens
 */
@ConfigurationProperties("cadenza.database")
public record DatabaseConfiguration(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "10") @Min(1) @Max(POOL_SIZE_LIMIT) int poolSizeMax) {

    /** PostgreSQL's default max_connections is 100; no single instance should take more than half. */
    public static final int POOL_SIZE_LIMIT = 50;

    @Override
    public String toString() {
        return "DatabaseConfiguration[url=" + url + ", username=" + username + ", password=<redacted>, poolSizeMax="
                + poolSizeMax + "]";
    }
}
