package io.cadenza.chain.deployment;

import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.connection.ChainEndpoint;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The platform's contracts on the configured chain: deployed through the outbox at start-up when missing, or attached
 * to a suite deployed already when {@code cadenza.chain.deployment} names one.
 */
@Factory
@Requires(beans = ChainEndpoint.class)
public class DeploymentBeans {

    /** Deploys through the outbox, driving the sender itself: the sender loop starts only once a manifest exists. */
    @Singleton
    SuiteDeployer suiteDeployer(ChainConnection connection, DeploymentManifestStore store,
            ChainConfiguration configuration, TransactionOutbox outbox, TransactionSender sender,
            AttachedDeployment attached) {
        return new SuiteDeployer(connection, store, configuration, outbox, sender, attached);
    }

    /**
     * The suite's addresses on this chain, deployed when first needed if missing: at start-up on every instance, whose
     * sender loop and API beans need it.
     */
    @Singleton
    DeploymentManifest deploymentManifest(SuiteDeployer deployer) {
        return deployer.deploy();
    }
}
