package io.cadenza.chain.deployment;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The addresses of the whole suite on one chain, as recorded once every contract is deployed. */
public record DeploymentManifest(long chainId, String genesisHash, Map<SuiteContract, DeployedContract> contracts) {
    public DeploymentManifest {
        Objects.requireNonNull(genesisHash, "genesisHash");
        contracts = Map.copyOf(new EnumMap<>(contracts));
        for (SuiteContract contract : SuiteContract.values()) {
            if (!contracts.containsKey(contract)) {
                throw new IllegalArgumentException("manifest of chain " + chainId + " lacks " + contract);
            }
        }
    }

    public String addressOf(SuiteContract contract) {
        return contracts.get(contract).address();
    }

    public String stablecoin() {
        return addressOf(SuiteContract.STABLECOIN);
    }

    public String masterRegistry() {
        return addressOf(SuiteContract.MASTER_REGISTRY);
    }

    public String offeringFactory() {
        return addressOf(SuiteContract.OFFERING_FACTORY);
    }

    /** The first block holding a contract of ours: where an indexer starts. */
    public long deploymentBlock() {
        return contracts.values().stream()
                .filter(deployed -> deployed.blockNumber() != null)
                .mapToLong(DeployedContract::blockNumber)
                .min()
                .orElse(0L);
    }
}
