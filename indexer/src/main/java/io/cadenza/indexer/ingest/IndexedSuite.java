package io.cadenza.indexer.ingest;

import io.cadenza.chain.deployment.DeploymentManifest;
import java.util.Locale;

/**
 * The contracts an indexer starts from: the registry and the factory (clones are discovered from the factory's
 * events), and the block where indexing starts.
 */
public record IndexedSuite(long chainId, String genesisHash, String masterRegistry, String offeringFactory,
        long startBlock) {

    public IndexedSuite {
        if (startBlock < 1) {
            throw new IllegalArgumentException("indexing starts after the genesis block, not at " + startBlock);
        }
        genesisHash = genesisHash.toLowerCase(Locale.ROOT);
        masterRegistry = masterRegistry.toLowerCase(Locale.ROOT);
        offeringFactory = offeringFactory.toLowerCase(Locale.ROOT);
    }

    public static IndexedSuite of(DeploymentManifest manifest) {
        return new IndexedSuite(manifest.chainId(), manifest.genesisHash(), manifest.masterRegistry(),
                manifest.offeringFactory(), manifest.deploymentBlock());
    }
}
