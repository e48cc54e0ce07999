package io.cadenza.jobs.statements;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.schema.ChainSchema;
import io.cadenza.chain.testing.DataAccess;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.indexer.store.IndexerSchema;
import io.cadenza.indexer.testing.TestDatabases;
import io.cadenza.jobs.ledger.JobsSchema;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The money side's beans over a database of their own (the chain's, the indexer's and the jobs' tables) and the
 * suite on the shared test chain, with a catalog the test fills: what tests of statements and distributions share.
 */
public final class MoneyFixture implements AutoCloseable {
    private final DeployedSuite suite;
    private final HikariDataSource database;
    private final DataAccess access;
    private final CatalogFixture catalog = new CatalogFixture();

    private MoneyFixture(DeployedSuite suite, HikariDataSource database, DataAccess access) {
        this.suite = suite;
        this.database = database;
        this.access = access;
    }

    public static MoneyFixture start(TestServices services) {
        DeployedSuite suite = DeployedSuite.on(services);
        HikariDataSource database = TestDatabases.fresh(services,
                List.of(ChainSchema.SCHEMA, IndexerSchema.SCHEMA, JobsSchema.SCHEMA));
        MoneyFixture fixture = new MoneyFixture(suite, database, DataAccess.over(database));
        fixture.access.provide(ChainConnection.class, suite.connection())
                .provide(DeploymentManifest.class, suite.manifest()).provide(RoyaltyCatalog.class, fixture.catalog)
                .provide(Clock.class, Clock.systemUTC());
        return fixture;
    }

    public <T> T bean(Class<T> type) {
        return access.bean(type);
    }

    public DataAccess access() {
        return access;
    }

    public DeployedSuite suite() {
        return suite;
    }

    public HikariDataSource database() {
        return database;
    }

    public CatalogFixture catalog() {
        return catalog;
    }

    /** The payout token, lower-case. */
    public String stablecoin() {
        return suite.manifest().stablecoin().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        database.close();
        suite.close();
    }
}
