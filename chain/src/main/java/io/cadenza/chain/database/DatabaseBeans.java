package io.cadenza.chain.database;

import io.cadenza.chain.schema.MigratedSchema;
import io.cadenza.chain.schema.ModuleSchema;
import io.cadenza.chain.schema.SchemaMigrator;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;

/** The database plumbing every module shares: migrations first, then transactions on the migrated tables. */
@Factory
@Requires(beans = DataSource.class)
public class DatabaseBeans {

    /** Every module's migrations, applied at start-up before anything reads a table. */
    @Context
    MigratedSchema migratedSchema(DataSource dataSource, List<ModuleSchema> schemas) {
        // Flyway manages its own connections and transactions: it gets plain ones, outside ours.
        SchemaMigrator.migrate(DelegatingDataSource.unwrapDataSource(dataSource), schemas);
        return new MigratedSchema(schemas.stream().map(ModuleSchema::module).sorted().toList());
    }

    @Singleton
    CurrentTransaction currentTransaction(TransactionOperations<Connection> transactions,
            ConnectionOperations<Connection> connections, DataSource dataSource, MigratedSchema migrated) {
        return new CurrentTransaction(transactions, connections, dataSource);
    }
}
