package io.cadenza.chain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuiteDeployerTest {
    private DeployedSuite suite;
    private DataSource dataSource;

    @BeforeAll
    void deploy(TestServices services) {
        suite = DeployedSuite.on(services);
        dataSource = services.dataSource();
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @Test
    void anInterruptedDeploymentResumesFromItsIntentsAndDeploysNothingTwice() throws Exception {
        DeploymentManifest before = suite.deployer().deploy();
        // As if the process died after the factory's deployment was mined but before the manifest recorded it.
        execute("delete from chain_deployment where chain_id = ? and genesis_hash = ?", before);
        execute("delete from chain_deployed_contract where chain_id = ? and genesis_hash = ? and contract_name = 'OFFERING_FACTORY'", before);
        BigInteger headBefore = suite.connection().blockNumber();

        DeploymentManifest resumed = suite.deployer().deploy();

        assertThat(resumed).isEqualTo(before);
        assertThat(suite.connection().blockNumber()).as("no transaction sent").isEqualTo(headBefore);
        assertThat(suite.store().isComplete(resumed.chainId(), resumed.genesisHash())).isTrue();
    }

    @Test
    void aManifestRowThatDisagreesWithTheOutboxIsRepairedFromIt() throws Exception {
        DeploymentManifest before = suite.deployer().deploy();
        execute("delete from chain_deployment where chain_id = ? and genesis_hash = ?", before);
        execute("update chain_deployed_contract set address = '0x00000000000000000000000000000000000000aa' "
                + "where chain_id = ? and genesis_hash = ? and contract_name = 'SHARE_SALE_IMPLEMENTATION'", before);

        DeploymentManifest repaired = suite.deployer().deploy();

        assertThat(repaired).isEqualTo(before);
    }

    @Test
    void aContractWhoseConstructorArgumentsChangedIsDeployedAfresh(TestServices services) throws Exception {
        DeploymentManifest before = suite.deployer().deploy();
        ChainConfiguration local = DeployedSuite.localConfiguration(services);
        // Another stablecoin address changes nothing else: the stablecoin is nobody's constructor argument.
        ChainConfiguration otherToken = new ChainConfiguration(local.rpcUrl(), local.chainId(), local.confirmations(),
                local.pollInterval(), DeployedSuite.OPERATOR_KEY_HEX, before.addressOf(SuiteContract.MASTER_REGISTRY));
        try {
            execute("delete from chain_deployment where chain_id = ? and genesis_hash = ?", before);
            DeploymentManifest manifest = DeployedSuite.deployerFor(suite.connection(), suite.store(), otherToken,
                    services).deploy();
            assertThat(manifest.stablecoin()).isEqualTo(before.masterRegistry());
            assertThat(manifest.offeringFactory()).isEqualTo(before.offeringFactory());
        } finally {
            execute("delete from chain_deployment where chain_id = ? and genesis_hash = ?", before);
            suite.deployer().deploy();
        }
    }

    @Test
    void aCompleteManifestPointingAtAnAddressWithoutCodeIsRefused() throws Exception {
        DeploymentManifest before = suite.deployer().deploy();
        String registry = before.masterRegistry();
        execute("update chain_deployed_contract set address = '0x00000000000000000000000000000000000000bb' "
                + "where chain_id = ? and genesis_hash = ? and contract_name = 'MASTER_REGISTRY'", before);
        try {
            assertThatThrownBy(() -> suite.deployer().deploy())
                    .isInstanceOf(DeploymentFailedException.class)
                    .hasMessageContaining("MASTER_REGISTRY")
                    .hasMessageContaining("no code");
        } finally {
            execute("update chain_deployed_contract set address = '" + registry + "' "
                    + "where chain_id = ? and genesis_hash = ? and contract_name = 'MASTER_REGISTRY'", before);
        }
    }

    @Test
    void aNonLocalChainWithoutAConfiguredStablecoinIsRefused(TestServices services) throws Exception {
        ChainConfiguration local = DeployedSuite.localConfiguration(services);
        ChainConfiguration mainnetLike = new ChainConfiguration(local.rpcUrl(), 1, local.confirmations(),
                local.pollInterval(), local.signerKey(), null);
        assertThat(mainnetLike.isLocalChain()).isFalse();
        DeploymentManifest current = suite.deployer().deploy();
        try {
            // Only an incomplete manifest gets as far as choosing a stablecoin.
            execute("delete from chain_deployment where chain_id = ? and genesis_hash = ?", current);
            SuiteDeployer deployer = DeployedSuite.deployerFor(suite.connection(), suite.store(), mainnetLike, services);
            assertThatThrownBy(deployer::deploy)
                    .isInstanceOf(DeploymentFailedException.class)
                    .hasMessageContaining("cadenza.chain.stablecoin-address");
        } finally {
            suite.deployer().deploy();
        }
    }

    @Test
    void aConfiguredStablecoinIsRecordedInsteadOfDeployingOne(TestServices services) throws Exception {
        DeploymentManifest current = suite.deployer().deploy();
        ChainConfiguration local = DeployedSuite.localConfiguration(services);
        ChainConfiguration withToken = new ChainConfiguration(local.rpcUrl(), local.chainId(), local.confirmations(),
                local.pollInterval(), local.signerKey(), current.stablecoin());
        try {
            execute("delete from chain_deployment where chain_id = ? and genesis_hash = ?", current);
            execute("delete from chain_deployed_contract where chain_id = ? and genesis_hash = ? and contract_name = 'STABLECOIN'", current);
            DeploymentManifest manifest = DeployedSuite.deployerFor(suite.connection(), suite.store(), withToken, services)
                    .deploy();
            DeployedContract stablecoin = manifest.contracts().get(SuiteContract.STABLECOIN);
            assertThat(stablecoin.address()).isEqualTo(current.stablecoin());
            assertThat(stablecoin.transactionHash()).isNull();
        } finally {
            suite.deployer().deploy();
        }
    }

    private void execute(String sql, DeploymentManifest manifest) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, manifest.chainId());
            statement.setString(2, manifest.genesisHash());
            statement.executeUpdate();
        }
    }
}
