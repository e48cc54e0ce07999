package io.cadenza.chain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.contracts.OfferingFactory;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
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
    void anInterruptedDeploymentResumesAndKeepsWhatWasRecorded() throws Exception {
        DeploymentManifest before = suite.deployer().deploy();
        // As if the process died after deploying the implementations: no factory recorded, manifest not complete.
        execute("delete from chain_deployment where chain_id = ? and genesis_hash = ?", before);
        execute("delete from chain_deployed_contract where chain_id = ? and genesis_hash = ? and contract_name = 'OFFERING_FACTORY'", before);

        DeploymentManifest resumed = suite.deployer().deploy();

        assertThat(resumed.masterRegistry()).isEqualTo(before.masterRegistry());
        assertThat(resumed.stablecoin()).isEqualTo(before.stablecoin());
        assertThat(resumed.addressOf(SuiteContract.ROYALTY_SHARES_IMPLEMENTATION))
                .isEqualTo(before.addressOf(SuiteContract.ROYALTY_SHARES_IMPLEMENTATION));
        assertThat(resumed.offeringFactory()).isNotEqualTo(before.offeringFactory());
        assertThat(suite.store().isComplete(resumed.chainId(), resumed.genesisHash())).isTrue();
        assertThat(suite.deployer().deploy()).isEqualTo(resumed);
    }

    @Test
    void aRecordedContractWithoutCodeIsRedeployedWhileTheManifestIsIncomplete() throws Exception {
        DeploymentManifest before = suite.deployer().deploy();
        execute("delete from chain_deployment where chain_id = ? and genesis_hash = ?", before);
        execute("update chain_deployed_contract set address = '0x00000000000000000000000000000000000000aa' "
                + "where chain_id = ? and genesis_hash = ? and contract_name = 'SHARE_SALE_IMPLEMENTATION'", before);

        DeploymentManifest repaired = suite.deployer().deploy();

        assertThat(repaired.addressOf(SuiteContract.SHARE_SALE_IMPLEMENTATION))
                .isNotEqualTo("0x00000000000000000000000000000000000000aa");
        assertThat(repaired.masterRegistry()).isEqualTo(before.masterRegistry());
        // The factory clones the sale implementation, so it was redeployed with the new one.
        assertThat(repaired.offeringFactory()).isNotEqualTo(before.offeringFactory());
        OfferingFactory factory = OfferingFactory.load(repaired.offeringFactory(), suite.connection().web3j(),
                suite.connection().transactionManager(), suite.connection().gasProvider());
        assertThat(factory.saleImplementation().send())
                .isEqualToIgnoringCase(repaired.addressOf(SuiteContract.SHARE_SALE_IMPLEMENTATION));
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
            SuiteDeployer deployer = new SuiteDeployer(suite.connection(), suite.store(), mainnetLike);
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
            DeploymentManifest manifest = new SuiteDeployer(suite.connection(), suite.store(), withToken).deploy();
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
