package io.cadenza.api.chain;

import io.cadenza.api.database.MigratedSchema;
import io.cadenza.api.devservices.DevChainNode;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.connection.ChainEndpoint;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.deployment.DeploymentManifestStore;
import io.cadenza.chain.deployment.SuiteDeployer;
import io.cadenza.chain.devnode.HardhatNode;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.cadenza.chain.outbox.OutboxConfiguration;
import io.cadenza.chain.outbox.OutboxStore;
import io.cadenza.chain.outbox.RevertReasonDecoder;
import io.cadenza.chain.outbox.SenderFaults;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionSender;
import io.cadenza.chain.outbox.TransactionSenderLoop;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;
import java.util.Optional;

@Factory
public class ChainFactory {

    @Singleton
    @Requires(property = "cadenza.chain.rpc-url")
    ChainEndpoint configuredChain(ChainConfiguration configuration) {
        var operator = operatorKey(configuration).orElseThrow(() -> new ConfigurationException(
                "cadenza.chain.signer-key (or CADENZA_CHAIN_SIGNER_KEY) is required with cadenza.chain.rpc-url: "
                        + "it is the platform operator's key"));
        return new ChainEndpoint(configuration.rpcUrl(), operator);
    }

    /** The dev node's operator is Hardhat's public account 0, unless a key is configured. */
    @Singleton
    @Requires(missingProperty = "cadenza.chain.rpc-url")
    ChainEndpoint devChain(DevChainNode node, ChainConfiguration configuration) {
        var operator = operatorKey(configuration).orElseGet(() -> HardhatNode.devAccount(0));
        return new ChainEndpoint(node.rpcUrl(), operator);
    }

    private static Optional<SignerKey> operatorKey(ChainConfiguration configuration) {
        try {
            return configuration.operatorKey();
        } catch (IllegalArgumentException malformed) {
            throw new ConfigurationException(malformed.getMessage());
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    ChainConnection chainConnection(ChainEndpoint endpoint, ChainConfiguration configuration) {
        return ChainConnection.open(endpoint, configuration.chainId(), configuration.pollInterval());
    }

    @Singleton
    TransactionSender transactionSender(ChainConnection connection, ChainConfiguration chain, OutboxStore store,
            OutboxConfiguration outbox) {
        return new TransactionSender(connection, chain.confirmations(), store, outbox, RevertReasonDecoder.forSuite(),
                SenderFaults.NONE, Clock.systemUTC());
    }

    /** Deploys through the outbox, driving the sender itself: the sender loop starts only once a manifest exists. */
    @Singleton
    SuiteDeployer suiteDeployer(ChainConnection connection, DeploymentManifestStore store,
            ChainConfiguration configuration, TransactionOutbox outbox, TransactionSender sender) {
        return new SuiteDeployer(connection, store, configuration, outbox, sender);
    }

    @Singleton
    OutboxStore outboxStore(DataSource dataSource, MigratedSchema migrated) {
        return new OutboxStore(dataSource);
    }

    @Singleton
    TransactionOutbox transactionOutbox(OutboxStore store, ChainConnection connection) {
        return new TransactionOutbox(store, connection);
    }

    /** The operator's sender, running on whichever instance holds the account's lock. */
    @Context
    @Bean(preDestroy = "close")
    TransactionSenderLoop transactionSenderLoop(ChainConnection connection, ChainConfiguration chain,
            TransactionSender sender, DataSource dataSource, DeploymentManifest deployed) {
        TransactionSenderLoop loop = new TransactionSenderLoop(sender, dataSource, connection.chainId(),
                chain.pollInterval());
        loop.start();
        return loop;
    }

    /** The suite's addresses on this chain, deployed at start-up if missing. */
    @Context
    DeploymentManifest deploymentManifest(SuiteDeployer deployer) {
        return deployer.deploy();
    }
}
