package io.cadenza.api.index;

import io.cadenza.api.database.MigratedSchema;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.connection.ChainEndpoint;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.consistency.ConsistencyCheck;
import io.cadenza.indexer.ingest.ChainIndexer;
import io.cadenza.indexer.ingest.IndexedSuite;
import io.cadenza.indexer.ingest.IndexerLoop;
import io.cadenza.indexer.metrics.IndexerMetrics;
import io.cadenza.indexer.notify.RedisChangePublisher;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.store.IndexStore;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;
import io.cadenza.indexer.query.IndexReader;

/** The indexer of the configured chain: it follows the deployed suite and publishes its changes on Redis. */
@Factory
public class IndexerFactory {

    @Singleton
    @Named("indexer")
    RpcClient indexerRpc(ChainEndpoint endpoint, IndexerConfiguration configuration) {
        return new RpcClient(endpoint.rpcUrl(), configuration.rpcTimeout());
    }

    @Singleton
    IndexStore indexStore(DataSource dataSource, ChainConnection connection, MigratedSchema migrated) {
        return new IndexStore(dataSource, connection.chainId());
    }

    @Singleton
    @Bean(preDestroy = "close")
    ChainIndexer chainIndexer(@Named("indexer") RpcClient rpc, IndexStore store, DeploymentManifest manifest,
            IndexerConfiguration configuration, StatefulRedisConnection<String, String> redis, MeterRegistry meters) {
        return new ChainIndexer(rpc, store, IndexedSuite.of(manifest), configuration, new RedisChangePublisher(redis),
                new IndexerMetrics(meters, manifest.chainId()), IndexFaults.NONE, Clock.systemUTC());
    }

    /** Indexes on whichever instance holds the chain's lock; the others stand by. */
    @Context
    @Requires(property = "cadenza.indexer.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    IndexerLoop indexerLoop(ChainIndexer indexer, DataSource dataSource, IndexerConfiguration configuration) {
        IndexerLoop loop = new IndexerLoop(indexer, dataSource, configuration.pollInterval());
        loop.start();
        return loop;
    }

    /** The index as the API reads it: holders, offerings, masters. */
    @Singleton
    IndexReader indexReader(DataSource dataSource, MigratedSchema migrated) {
        return new IndexReader(dataSource);
    }

    @Singleton
    ConsistencyCheck consistencyCheck(DataSource dataSource, @Named("indexer") RpcClient rpc,
            ChainConnection connection, MigratedSchema migrated) {
        return new ConsistencyCheck(dataSource, rpc, connection.chainId());
    }
}
