package io.cadenza.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.SuiteActions;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A voided registration is projected: the ISRC's master is the one registered after it, the voided token has no
 * owner, and a reorg that removes the void restores the registration, as a fresh index of the chain would have it.
 */
@ExtendWith(TestServicesExtension.class)
class RegistrationVoidTest {
    private static final SignerKey SQUATTER = HardhatNode.devAccount(3);
    private static final SignerKey RIGHTFUL = HardhatNode.devAccount(4);

    @Test
    void aVoidFreesTheIsrcForItsRightfulOwnerAndAReorgOfTheVoidRestoresTheRegistration(TestServices services)
            throws Exception {
        try (DeployedSuite suite = DeployedSuite.on(services);
                IndexerHarness live = IndexerHarness.fresh(services, suite)) {
            SuiteActions actions = new SuiteActions(suite);
            long chainId = suite.manifest().chainId();
            IndexReader reader = new IndexReader(StandaloneTransactions.over(live.dataSource()));
            byte[] isrc = Numeric.hexStringToByteArray(Hash.sha3String("QZ-ABC-26-00042"));
            String isrcHex = Numeric.toHexString(isrc);
            BigInteger squatted = actions.registerMaster(SQUATTER, isrc);
            live.catchUp();
            assertThat(reader.masterByIsrcHash(chainId, isrcHex)).get().extracting(IndexedMaster::tokenId)
                    .isEqualTo(squatted);

            HardhatControl control = new HardhatControl(services.hardhatNode().rpcUrl());
            String beforeVoid = control.snapshot();
            actions.voidMaster(squatted, "dispute upheld");
            BigInteger rightful = actions.registerMaster(RIGHTFUL, isrc);
            live.catchUp();
            assertThat(reader.isVoided(chainId, squatted)).isTrue();
            assertThat(reader.masterByIsrcHash(chainId, isrcHex)).get().satisfies(master -> {
                assertThat(master.tokenId()).isEqualTo(rightful);
                assertThat(master.owner()).isEqualToIgnoringCase(RIGHTFUL.address());
            });
            assertMatchesAFreshIndex(services, suite, live);

            control.revert(beforeVoid);
            control.mine(2);
            live.catchUp();
            assertThat(reader.isVoided(chainId, squatted)).isFalse();
            assertThat(reader.masterByIsrcHash(chainId, isrcHex)).get().extracting(IndexedMaster::tokenId)
                    .isEqualTo(squatted);
            assertMatchesAFreshIndex(services, suite, live);
        }
    }

    private static void assertMatchesAFreshIndex(TestServices services, DeployedSuite suite, IndexerHarness live)
            throws Exception {
        try (IndexerHarness fresh = IndexerHarness.fresh(services, suite)) {
            fresh.catchUp();
            assertThat(live.dump()).isEqualTo(fresh.dump());
        }
    }
}
