package io.cadenza.chain.testing;

import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.connection.ChainEndpoint;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.deployment.DeploymentManifestStore;
import io.cadenza.chain.deployment.SuiteDeployer;
import io.cadenza.chain.schema.ChainSchema;
import io.cadenza.chain.schema.SchemaMigrator;
import io.cadenza.chain.outbox.OutboxConfiguration;
import io.cadenza.chain.outbox.OutboxStore;
import io.cadenza.chain.outbox.RevertReasonDecoder;
import io.cadenza.chain.outbox.SenderFaults;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionSender;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The chain module's schema and the suite, deployed on the shared test node by the platform operator (account 0). */
public record DeployedSuite(ChainConfiguration configuration, ChainConnection connection,
        DeploymentManifestStore store, SuiteDeployer deployer, DeploymentManifest manifest) implements AutoCloseable {

    /** Hardhat's public development key #0. */
    public static final String OPERATOR_KEY_HEX = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final SignerKey OPERATOR = SignerKey.parse(OPERATOR_KEY_HEX);
    public static final long LOCAL_CHAIN_ID = 31337;

    public static DeployedSuite on(TestServices services) {
        SchemaMigrator.migrate(services.dataSource(), List.of(ChainSchema.SCHEMA));
        ChainConfiguration configuration = localConfiguration(services);
        ChainConnection connection = ChainConnection.open(
                new ChainEndpoint(services.hardhatNode().rpcUrl(), OPERATOR), LOCAL_CHAIN_ID, configuration.pollInterval());
        DeploymentManifestStore store = DataAccess.over(services.dataSource()).manifestStore();
        SuiteDeployer deployer = deployerFor(connection, store, configuration, services);
        return new DeployedSuite(configuration, connection, store, deployer, deployer.deploy());
    }

    /** A deployer driving the outbox on the test database with the operator's sender. */
    public static SuiteDeployer deployerFor(ChainConnection connection, DeploymentManifestStore store,
            ChainConfiguration configuration, TestServices services) {
        OutboxStore outboxStore = DataAccess.over(services.dataSource()).outboxStore();
        TransactionSender sender = new TransactionSender(connection, configuration.confirmations(),
                OutboxConfiguration.defaults().finalityDepthFor(connection.chainId()), outboxStore,
                OutboxConfiguration.defaults(), RevertReasonDecoder.forSuite(), SenderFaults.NONE, Clock.systemUTC());
        return new SuiteDeployer(connection, store, configuration, new TransactionOutbox(outboxStore, connection), sender);
    }

    public static ChainConfiguration localConfiguration(TestServices services) {
        return new ChainConfiguration(services.hardhatNode().rpcUrl(), LOCAL_CHAIN_ID, 1, Duration.ofMillis(50),
                OPERATOR_KEY_HEX, null);
    }

    @Override
    public void close() {
        connection.close();
    }
}
