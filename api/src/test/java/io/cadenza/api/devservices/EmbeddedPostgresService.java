package io.cadenza.api.devservices;

import io.cadenza.api.database.DatabaseEndpoint;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL (zonky binaries), started when cadenza.database.url is absent. Its data is temporary.
 * {@code pg_ctl} daemonises it, so it is no child of this JVM: a {@link ProcessWatchdog} stops it and removes its data
 * directory if the JVM dies without stopping it.
 */
@Singleton
@Requires(missingProperty = "cadenza.database.url")
public class EmbeddedPostgresService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresService.class);

    private final EmbeddedPostgres postgres;
    private final ProcessWatchdog watchdog;

    public EmbeddedPostgresService() {
        try {
            // No shutdown hook of its own: Postgres must stop after the connection pool closes, which the
            // application context's ordered shutdown guarantees (the pool depends on this bean).
            postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        } catch (IOException failure) {
            throw new UncheckedIOException("starting the embedded PostgreSQL", failure);
        }
        Path dataDirectory;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_backend_pid(), current_setting('data_directory')")) {
            row.next();
            dataDirectory = Path.of(row.getString(2));
            watchdog = guard(row.getLong(1), dataDirectory);
        } catch (IOException | SQLException failure) {
            closeQuietly();
            throw new IllegalStateException("guarding the embedded PostgreSQL", failure);
        }
        LOG.info("dev service: embedded PostgreSQL on 127.0.0.1:{} (data in {})", postgres.getPort(), dataDirectory);
    }

    /** The postmaster (the parent of any backend, such as {@code backend}) and its data directory, guarded. */
    private static ProcessWatchdog guard(long backend, Path dataDirectory) throws IOException {
        long postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent)
                .orElseThrow(() -> new IOException("the postmaster of the embedded PostgreSQL is not visible")).pid();
        // INT: PostgreSQL's fast shutdown (TERM would wait for clients, which are gone with the JVM anyway).
        return ProcessWatchdog.guard(postmaster, "INT", dataDirectory);
    }

    private void closeQuietly() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // starting failed; what is left the watchdog cannot see either
        }
    }

    public DatabaseEndpoint endpoint() {
        return new DatabaseEndpoint(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    /** The embedded database's endpoint, preferred to the deployable's refusal to start without a URL. */
    @Factory
    static class Endpoint {
        @Singleton
        @Primary
        @Requires(missingProperty = "cadenza.database.url")
        DatabaseEndpoint embeddedDatabase(EmbeddedPostgresService postgres) {
            return postgres.endpoint();
        }
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        watchdog.close();
        postgres.close();
        LOG.info("dev service: embedded PostgreSQL stopped");
    }
}
