package io.cadenza.indexer.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.schema.SchemaMigrator;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.indexer.store.IndexerSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database of its own for each indexer under test, in the JVM's one embedded PostgreSQL: an indexer's tables are
 * per chain, and every test indexes the same test chain.
 */
public final class TestDatabases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final int POOL_SIZE_MAX = 6;

    private TestDatabases() {}

    /** A new database with the indexer's tables; the caller closes the pool. */
    public static HikariDataSource fresh(TestServices services) {
        return fresh(services, List.of(IndexerSchema.SCHEMA));
    }

    /** A new database migrated with {@code schemas} (a module's tests of its own tables); the caller closes it. */
    public static HikariDataSource fresh(TestServices services, List<io.cadenza.chain.schema.ModuleSchema> schemas) {
        String name = "index_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection connection = services.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException failure) {
            throw new IllegalStateException("creating database " + name, failure);
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(services.jdbcUrl().replace("/postgres?", "/" + name + "?"));
        pool.setMaximumPoolSize(POOL_SIZE_MAX);
        HikariDataSource dataSource = new HikariDataSource(pool);
        SchemaMigrator.migrate(dataSource, schemas);
        return dataSource;
    }
}
