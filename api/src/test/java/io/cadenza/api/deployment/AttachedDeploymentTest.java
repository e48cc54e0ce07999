package io.cadenza.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.deployment.SuiteContract;
import io.cadenza.chain.outbox.OutboxStore;
import io.cadenza.chain.outbox.TransactionStatus;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new, empty database for an existing deployment attaches to the suite its configuration names instead of deploying
 * a second one on the same chain; an incomplete attachment refuses to start, saying what is missing.
 */
@ExtendWith(TestServicesExtension.class)
class AttachedDeploymentTest {
    @Test
    void anEmptyDatabaseConfiguredWithADeployedSuiteAttachesToItAndDeploysNothing(TestServices services)
            throws Exception {
        try (TestRedis redis = new TestRedis();
                EmbeddedServer first = ExternalServices.application(services, redis.uri(), Map.of())) {
            DeploymentManifest deployed = first.getApplicationContext().getBean(DeploymentManifest.class);
            Map<String, Object> attach = Map.of(
                    "cadenza.chain.deployment.master-registry", deployed.masterRegistry(),
                    "cadenza.chain.deployment.offering-factory", deployed.offeringFactory(),
                    "cadenza.chain.deployment.block", deployed.deploymentBlock(),
                    "cadenza.chain.stablecoin-address", deployed.stablecoin());
            try (EmbeddedServer second = ExternalServices.application(services, redis.uri(), attach)) {
                DeploymentManifest attached = second.getApplicationContext().getBean(DeploymentManifest.class);
                for (SuiteContract contract : SuiteContract.values()) {
                    assertThat(attached.addressOf(contract)).as(contract.name()).isEqualTo(deployed.addressOf(contract));
                }
                assertThat(attached.deploymentBlock()).isEqualTo(deployed.deploymentBlock());
                // Nothing was sent from the second database: no deployment, no grant.
                assertThat(second.getApplicationContext().getBean(OutboxStore.class).page(null, Long.MAX_VALUE, 10))
                        .isEmpty();
                assertThat(first.getApplicationContext().getBean(OutboxStore.class)
                        .page(TransactionStatus.CONFIRMED, Long.MAX_VALUE, 100)).isNotEmpty();
            }
        }
    }

    @Test
    void anAttachmentWithoutTheFactoryAndBlockRefusesToStartAndSaysWhatIsMissing(TestServices services)
            throws Exception {
        try (TestRedis redis = new TestRedis()) {
            assertThatThrownBy(() -> ExternalServices.application(services, redis.uri(), Map.of(
                    "cadenza.chain.deployment.master-registry", "0x000000000000000000000000000000000000dead"))
                    .close())
                    .hasStackTraceContaining("cadenza.chain.deployment.master-registry, .offering-factory and .block");
        }
    }
}
