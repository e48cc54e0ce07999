package io.cadenza.indexer.testing;

import io.cadenza.chain.database.StandaloneTransactions;
import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.consistency.ConsistencyCheck;
import io.cadenza.indexer.consistency.ConsistencyReport;
import io.cadenza.indexer.ingest.ChainIndexer;
import io.cadenza.indexer.ingest.IndexedSuite;
import io.cadenza.indexer.ingest.StepOutcome;
import io.cadenza.indexer.metrics.IndexerMetrics;
import io.cadenza.indexer.notify.IndexChangeListener;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.store.IndexStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** An indexer of the test suite on a database of its own, stepped by the test itself. */
public final class IndexerHarness implements AutoCloseable {
    /** A test's catch-up never needs more steps than this; more means the indexer is not converging. */
    private static final int CATCH_UP_STEPS_MAX = 10_000;

    private final HikariDataSource ownedDataSource;
    private final DataSource dataSource;
    private final RpcClient rpc;
    private final ChainIndexer indexer;
    private final IndexerMetrics metrics;
    private final long chainId;

    private IndexerHarness(HikariDataSource ownedDataSource, DataSource dataSource, RpcClient rpc, DeployedSuite suite,
            IndexerConfiguration configuration, IndexFaults faults, IndexChangeListener listener) {
        this(ownedDataSource, dataSource, rpc, suite.manifest(), configuration, faults, listener);
    }

    private IndexerHarness(HikariDataSource ownedDataSource, DataSource dataSource, RpcClient rpc,
            DeploymentManifest manifest, IndexerConfiguration configuration, IndexFaults faults,
            IndexChangeListener listener) {
        this.ownedDataSource = ownedDataSource;
        this.dataSource = dataSource;
        this.rpc = rpc;
        this.chainId = manifest.chainId();
        this.metrics = new IndexerMetrics(new SimpleMeterRegistry(), chainId);
        this.indexer = new ChainIndexer(rpc, new IndexStore(StandaloneTransactions.over(dataSource), chainId),
                IndexedSuite.of(manifest), configuration, listener, metrics, faults, Clock.systemUTC());
    }

    /** A new indexer on a new database of a suite deployed by someone else (an application under test). */
    public static IndexerHarness fresh(TestServices services, DeploymentManifest manifest) {
        HikariDataSource dataSource = TestDatabases.fresh(services);
        IndexerConfiguration configuration = testConfiguration();
        return new IndexerHarness(dataSource, dataSource, rpcFor(services.hardhatNode().rpcUrl(), configuration),
                manifest, configuration, IndexFaults.NONE, IndexChangeListener.NONE);
    }

    public static IndexerConfiguration testConfiguration() {
        return IndexerConfiguration.defaults().withPollInterval(Duration.ofMillis(20)).withRpcTimeout(Duration.ofSeconds(5));
    }

    /** A new indexer on a new database, reading the node directly. */
    public static IndexerHarness fresh(TestServices services, DeployedSuite suite) {
        return fresh(services, suite, testConfiguration());
    }

    public static IndexerHarness fresh(TestServices services, DeployedSuite suite, IndexerConfiguration configuration) {
        HikariDataSource dataSource = TestDatabases.fresh(services);
        return new IndexerHarness(dataSource, dataSource, rpcFor(services.hardhatNode().rpcUrl(), configuration), suite,
                configuration, IndexFaults.NONE, IndexChangeListener.NONE);
    }

    /** An indexer on an existing database (a restart), through {@code rpcUrl}, with faults and a listener. */
    public static IndexerHarness on(DataSource dataSource, URI rpcUrl, DeployedSuite suite,
            IndexerConfiguration configuration, IndexFaults faults, IndexChangeListener listener) {
        return new IndexerHarness(null, dataSource, rpcFor(rpcUrl, configuration), suite, configuration, faults, listener);
    }

    private static RpcClient rpcFor(URI url, IndexerConfiguration configuration) {
        return new RpcClient(url, configuration.rpcTimeout());
    }

    /** Steps until caught up with the head; a step that throws propagates. */
    public int catchUp() throws Exception {
        for (int steps = 1; steps <= CATCH_UP_STEPS_MAX; steps++) {
            if (indexer.step() == StepOutcome.IDLE) {
                return steps;
            }
        }
        throw new AssertionError("not caught up after " + CATCH_UP_STEPS_MAX + " steps");
    }

    public StepOutcome step() throws Exception {
        return indexer.step();
    }

    public ChainIndexer indexer() {
        return indexer;
    }

    public IndexerMetrics metrics() {
        return metrics;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public ProjectionDump dump() throws Exception {
        return ProjectionDump.of(dataSource, chainId);
    }

    public ConsistencyReport check() throws Exception {
        return new ConsistencyCheck(StandaloneTransactions.over(dataSource), rpc, chainId).run();
    }

    /** The check reading {@code holdersPerPage} holders at a time. */
    public ConsistencyReport check(int holdersPerPage) throws Exception {
        return new ConsistencyCheck(StandaloneTransactions.over(dataSource), rpc, chainId, holdersPerPage).run();
    }

    @Override
    public void close() {
        indexer.close();
        if (ownedDataSource != null) {
            ownedDataSource.close();
        }
    }
}
