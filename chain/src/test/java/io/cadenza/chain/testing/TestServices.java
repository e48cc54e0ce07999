package io.cadenza.chain.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.devnode.ContractsProject;
import io.cadenza.chain.devnode.HardhatNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL and one Hardhat node for the whole test JVM, started on first use and stopped when JUnit
 * closes its root context. Tests get it through {@link TestServicesExtension}.
 */
public final class TestServices implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final int POOL_SIZE_MAX = 8;

    private final EmbeddedPostgres postgres;
    private final HikariDataSource dataSource;
    private final HardhatNode hardhatNode;

    private TestServices(EmbeddedPostgres postgres, HikariDataSource dataSource, HardhatNode hardhatNode) {
        this.postgres = postgres;
        this.dataSource = dataSource;
        this.hardhatNode = hardhatNode;
    }

    /** Starts the services outside JUnit; the caller closes them. PostgreSQL runs as zonky starts it (tests). */
    public static TestServices start() {
        return start(Map.of());
    }

    /**
     * Starts the services for a benchmark: PostgreSQL with production settings, {@code synchronous_commit=on} (zonky
     * starts it {@code off}, which acknowledges commits before they are on disk). {@code -Dbench.synchronousCommit=off}
     * measures the embedded default instead, for comparison; the harnesses print which one ran.
     */
    public static TestServices startForBenchmark() {
        return start(Map.of("synchronous_commit", System.getProperty("bench.synchronousCommit", "on")));
    }

    /** The server's current value of {@code setting}: what a benchmark reports it ran under. */
    public static String setting(DataSource dataSource, String setting) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select current_setting(?)")) {
            statement.setString(1, setting);
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException("reading " + setting, failure);
        }
    }

    private static TestServices start(Map<String, String> serverSettings) {
        EmbeddedPostgres postgres = null;
        HikariDataSource dataSource = null;
        try {
            // Our own close stops Postgres after the pool: zonky's hook would race the pool and hang shutdown.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
            serverSettings.forEach(builder::setServerConfig);
            postgres = builder.start();
            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            pool.setMaximumPoolSize(POOL_SIZE_MAX);
            dataSource = new HikariDataSource(pool);
            Path log = Path.of("target", "hardhat-node.log");
            HardhatNode node = HardhatNode.start(ContractsProject.locate(), log);
            return new TestServices(postgres, dataSource, node);
        } catch (IOException failure) {
            if (dataSource != null) {
                dataSource.close();
            }
            closeQuietly(postgres);
            throw new UncheckedIOException("starting the shared test services", failure);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    /** A new, empty database on the JVM's PostgreSQL, for a test that must not share state; the caller closes it. */
    public HikariDataSource freshDatabase() {
        String name = "fresh_" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException("creating database " + name, failure);
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
        pool.setMaximumPoolSize(POOL_SIZE_MAX);
        return new HikariDataSource(pool);
    }

    public HardhatNode hardhatNode() {
        return hardhatNode;
    }

    @Override
    public void close() {
        hardhatNode.close();
        dataSource.close();
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException ignored) {
            // The test JVM is ending; a Postgres that fails to stop dies with it.
        }
    }
}
