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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An embedded PostgreSQL (zonky binaries), started when cadenza.database.url is absent. Its data is temporary. */
@Singleton
@Requires(missingProperty = "cadenza.database.url")
public class EmbeddedPostgresService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresService.class);

    private final EmbeddedPostgres postgres;

    public EmbeddedPostgresService() {
        try {
            // No shutdown hook of its own: Postgres must stop after the connection pool closes, which the
            // application context's ordered shutdown guarantees (the pool depends on this bean).
            postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        } catch (IOException failure) {
            throw new UncheckedIOException("starting the embedded PostgreSQL", failure);
        }
        LOG.info("dev service: embedded PostgreSQL on 127.0.0.1:{}", postgres.getPort());
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
        postgres.close();
        LOG.info("dev service: embedded PostgreSQL stopped");
    }
}
