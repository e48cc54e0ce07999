package io.cadenza.indexer.ingest;

import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.connection.ChainEndpoint;
import io.cadenza.chain.database.CurrentTransaction;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.progress.Progress;
import io.cadenza.chain.roles.IndexerRole;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.consistency.ConsistencyCheck;
import io.cadenza.indexer.metrics.IndexerMetrics;
import io.cadenza.indexer.notify.RedisChangePublisher;
import io.cadenza.indexer.query.IndexFreshness;
import io.cadenza.indexer.query.IndexReader;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.store.IndexStore;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The indexer of the configured chain: it follows the deployed suite, publishes its changes on Redis, and is read
 * through {@link IndexReader}. The loop runs on instances with the indexer role.
 */
@Factory
@Requires(beans = ChainEndpoint.class)
public class IndexerBeans {

    @Singleton
    @Named("indexer")
    RpcClient indexerRpc(ChainEndpoint endpoint, IndexerConfiguration configuration) {
        return new RpcClient(endpoint.rpcUrl(), configuration.rpcTimeout());
    }

    @Singleton
    IndexStore indexStore(CurrentTransaction transaction, ChainConnection connection) {
        return new IndexStore(transaction, connection.chainId());
    }

    @Singleton
    @Bean(preDestroy = "close")
    ChainIndexer chainIndexer(@Named("indexer") RpcClient rpc, IndexStore store, DeploymentManifest manifest,
            IndexerConfiguration configuration, StatefulRedisConnection<String, String> redis, MeterRegistry meters) {
        return new ChainIndexer(rpc, store, IndexedSuite.of(manifest), configuration, new RedisChangePublisher(redis),
                new IndexerMetrics(meters, manifest.chainId()), IndexFaults.NONE, Clock.systemUTC());
    }

    /** Whether the indexer advances, and why not: read by /health, and the halted gauge. */
    @Singleton
    @Requires(condition = IndexerRole.class)
    @Named("indexer")
    Progress indexerProgress(ChainConnection connection, MeterRegistry meters) {
        return IndexerLoop.progressOf(connection.chainId(), meters, Clock.systemUTC());
    }

    /** Indexes on whichever instance holds the chain's lock; the others stand by. */
    @Context
    @Requires(condition = IndexerRole.class)
    @Bean(preDestroy = "close")
    IndexerLoop indexerLoop(ChainIndexer indexer, CurrentTransaction transaction, IndexerConfiguration configuration,
            @Named("indexer") Progress progress) {
        IndexerLoop loop = new IndexerLoop(indexer, transaction.sessions(), configuration.pollInterval(), progress);
        loop.start();
        return loop;
    }

    /** The index as other modules read it: holders, offerings, masters, activity. */
    @Singleton
    IndexReader indexReader(CurrentTransaction transaction) {
        return new IndexReader(transaction);
    }

    /** Whether reads from the index are current, as every instance tells it (headers and fields of answers). */
    @Singleton
    IndexFreshness indexFreshness(IndexReader reader, @Named("indexer") RpcClient rpc, ChainConnection connection,
            @Value("${cadenza.indexer.stale-after-blocks:20}") long staleAfterBlocks) {
        return new IndexFreshness(reader, rpc, connection.chainId(), staleAfterBlocks, Duration.ofSeconds(1),
                Clock.systemUTC());
    }

    @Singleton
    ConsistencyCheck consistencyCheck(CurrentTransaction transaction, @Named("indexer") RpcClient rpc,
            ChainConnection connection) {
        return new ConsistencyCheck(transaction, rpc, connection.chainId());
    }
}
