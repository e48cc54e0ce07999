package io.cadenza.api.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.api.devservices.EmbeddedPostgresService;
import io.cadenza.chain.schema.ModuleSchema;
import io.cadenza.chain.schema.SchemaMigrator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

@Factory
public class DatabaseFactory {
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    @Singleton
    @Requires(property = "cadenza.database.url")
    DatabaseEndpoint configuredDatabase(DatabaseConfiguration configuration) {
        return new DatabaseEndpoint(configuration.url(), configuration.username(), configuration.password());
    }

    @Singleton
    @Requires(missingProperty = "cadenza.database.url")
    DatabaseEndpoint embeddedDatabase(EmbeddedPostgresService postgres) {
        return postgres.endpoint();
    }

    @Singleton
    @Named("default")
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(DatabaseEndpoint endpoint, DatabaseConfiguration configuration) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("cadenza");
        pool.setJdbcUrl(endpoint.jdbcUrl());
        pool.setUsername(endpoint.username());
        pool.setPassword(endpoint.password());
        pool.setMaximumPoolSize(configuration.poolSizeMax());
        pool.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        return new HikariDataSource(pool);
    }

    /** Every module's migrations, applied at start-up before anything reads a table. */
    @Context
    MigratedSchema migratedSchema(DataSource dataSource, List<ModuleSchema> schemas) {
        SchemaMigrator.migrate(dataSource, schemas);
        return new MigratedSchema(schemas.stream().map(ModuleSchema::module).sorted().toList());
    }
}
