package io.cadenza.api.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.config.MissingUrl;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import javax.sql.DataSource;

@Factory
public class DatabaseFactory implements AutoCloseable {
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    /** The pool this factory opened; closed with the context (the bean itself is wrapped for transactions). */
    private volatile HikariDataSource pool;

    @Singleton
    @Requires(property = "cadenza.database.url")
    DatabaseEndpoint configuredDatabase(DatabaseConfiguration configuration) {
        return new DatabaseEndpoint(configuration.url(), configuration.username(), configuration.password());
    }

    /**
     * Without a URL the deployable cannot start: it carries no embedded database. The dev stack ({@code ./cadenza
     * run}, the tests) adds one, whose endpoint is primary.
     */
    @Singleton
    @Requires(missingProperty = "cadenza.database.url")
    DatabaseEndpoint missingDatabase() {
        throw MissingUrl.of("cadenza.database.url", "CADENZA_DATABASE_URL", "embedded database");
    }

    /**
     * The pool. Micronaut Data wraps the bean so that {@code getConnection()} answers the current transaction's
     * connection; plain JDBC goes through {@code CurrentTransaction}.
     */
    @Singleton
    @Named("default")
    DataSource dataSource(DatabaseEndpoint endpoint, DatabaseConfiguration configuration) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("cadenza");
        pool.setJdbcUrl(endpoint.jdbcUrl());
        pool.setUsername(endpoint.username());
        pool.setPassword(endpoint.password());
        pool.setMaximumPoolSize(configuration.poolSizeMax());
        pool.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        this.pool = new HikariDataSource(pool);
        return this.pool;
    }

    @Override
    @PreDestroy
    public void close() {
        HikariDataSource opened = pool;
        if (opened != null) {
            opened.close();
        }
    }
}
