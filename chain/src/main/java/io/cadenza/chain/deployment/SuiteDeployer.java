package io.cadenza.chain.deployment;

import io.cadenza.chain.access.PlatformRole;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.contracts.MasterRegistry;
import io.cadenza.chain.contracts.OfferingFactory;
import io.cadenza.chain.contracts.RoyaltyShares;
import io.cadenza.chain.contracts.ShareSale;
import io.cadenza.chain.contracts.TestStablecoin;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;

/**
 * Deploys the suite once per chain and records it in the deployment manifest; deploying again is a no-op.
 *
 * <p>Each contract is recorded as soon as it is deployed, and roles are granted only where the chain says they are
 * missing, so a deployment interrupted at any point resumes where it stopped. A contract whose transaction was
 * mined but not yet recorded when the process died is deployed again: on a local chain that costs nothing, and the
 * transaction outbox will make deployments exactly-once everywhere.
 */
public final class SuiteDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteDeployer.class);

    private final ChainConnection connection;
    private final DeploymentManifestStore store;
    private final ChainConfiguration configuration;

    public SuiteDeployer(ChainConnection connection, DeploymentManifestStore store, ChainConfiguration configuration) {
        this.connection = connection;
        this.store = store;
        this.configuration = configuration;
    }

    /** The manifest of this chain, deploying whatever is missing first. */
    public DeploymentManifest deploy() {
        long chainId = connection.chainId();
        return store.withDeploymentLock(chainId, () -> {
            String genesisHash = genesisHash();
            Map<SuiteContract, DeployedContract> recorded = store.findContracts(chainId, genesisHash);
            if (store.isComplete(chainId, genesisHash)) {
                DeploymentManifest manifest = new DeploymentManifest(chainId, genesisHash, recorded);
                requireCode(manifest);
                requireWiring(manifest);
                LOG.info("suite already deployed on chain {}: registry {}, factory {}", chainId,
                        manifest.masterRegistry(), manifest.offeringFactory());
                return manifest;
            }
            return deployMissing(chainId, genesisHash, recorded);
        });
    }

    private DeploymentManifest deployMissing(long chainId, String genesisHash,
            Map<SuiteContract, DeployedContract> recorded) throws Exception {
        DeploymentRun run = new DeploymentRun(chainId, genesisHash, recorded);
        String operator = connection.operator().getAddress();
        var web3j = connection.web3j();
        var transactions = connection.transactionManager();
        var gas = connection.gasProvider();

        deployStablecoin(run);
        String registry = run.ensure(SuiteContract.MASTER_REGISTRY,
                () -> MasterRegistry.deploy(web3j, transactions, gas, operator).send());
        String sharesImplementation = run.ensure(SuiteContract.ROYALTY_SHARES_IMPLEMENTATION,
                () -> RoyaltyShares.deploy(web3j, transactions, gas, registry).send());
        String saleImplementation = run.ensure(SuiteContract.SHARE_SALE_IMPLEMENTATION,
                () -> ShareSale.deploy(web3j, transactions, gas, registry).send());
        run.ensure(SuiteContract.OFFERING_FACTORY, () -> OfferingFactory.deploy(web3j, transactions, gas, registry,
                sharesImplementation, saleImplementation, registry).send());

        MasterRegistry registryContract = MasterRegistry.load(registry, web3j, transactions, gas);
        for (PlatformRole role : PlatformRole.values()) {
            if (!registryContract.hasRole(role.id(), operator).send()) {
                registryContract.grantRole(role.id(), operator).send();
                LOG.info("granted {} to the operator {} on chain {}", role, operator, chainId);
            }
        }
        DeploymentManifest manifest = new DeploymentManifest(chainId, genesisHash, run.deployed);
        requireWiring(manifest);
        store.markComplete(chainId, genesisHash, operator);
        LOG.info("suite deployed on chain {} from block {}: registry {}, factory {}, stablecoin {}", chainId,
                manifest.deploymentBlock(), manifest.masterRegistry(), manifest.offeringFactory(), manifest.stablecoin());
        return manifest;
    }

    private void deployStablecoin(DeploymentRun run) throws Exception {
        String configured = configuration.stablecoinAddress();
        if (configured != null) {
            DeployedContract external = DeployedContract.external(SuiteContract.STABLECOIN, configured);
            requireCode(external);
            run.record(external);
            return;
        }
        if (!configuration.isLocalChain()) {
            throw new DeploymentFailedException("chain " + run.chainId + " is not a local chain: configure "
                    + "cadenza.chain.stablecoin-address (the payout and payment token) instead of a test stablecoin");
        }
        run.ensure(SuiteContract.STABLECOIN, () -> TestStablecoin.deploy(connection.web3j(),
                connection.transactionManager(), connection.gasProvider(), connection.operator().getAddress()).send());
    }

    /** One deployment attempt: what an earlier attempt recorded, and what this one has settled so far. */
    private final class DeploymentRun {
        private final long chainId;
        private final String genesisHash;
        private final Map<SuiteContract, DeployedContract> recorded;
        private final Map<SuiteContract, DeployedContract> deployed = new EnumMap<>(SuiteContract.class);
        /** Once a contract is deployed afresh, the contracts after it take its new address: they are redeployed too. */
        private boolean dependencyRedeployed;

        private DeploymentRun(long chainId, String genesisHash, Map<SuiteContract, DeployedContract> recorded) {
            this.chainId = chainId;
            this.genesisHash = genesisHash;
            this.recorded = recorded;
        }

        /** Reuses the recorded contract when its code is on chain, else deploys and records it. Returns its address. */
        String ensure(SuiteContract contract, Deployment deployment) throws Exception {
            DeployedContract existing = recorded.get(contract);
            if (!dependencyRedeployed && existing != null && hasCode(existing.address())) {
                deployed.put(contract, existing);
                return existing.address();
            }
            Contract created = deployment.deploy();
            TransactionReceipt receipt = created.getTransactionReceipt()
                    .orElseThrow(() -> new DeploymentFailedException("no receipt for the deployment of " + contract));
            DeployedContract fresh = new DeployedContract(contract, created.getContractAddress(),
                    receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact());
            record(fresh);
            // The stablecoin is nobody's constructor argument; every other contract is.
            dependencyRedeployed |= contract != SuiteContract.STABLECOIN;
            LOG.info("deployed {} at {} in block {}", contract, fresh.address(), fresh.blockNumber());
            return fresh.address();
        }

        void record(DeployedContract contract) {
            store.saveContract(chainId, genesisHash, contract);
            deployed.put(contract.contract(), contract);
        }
    }

    /** The factory clones the recorded implementations, and everything answers to the recorded registry. */
    private void requireWiring(DeploymentManifest manifest) throws Exception {
        var web3j = connection.web3j();
        var transactions = connection.transactionManager();
        var gas = connection.gasProvider();
        String registry = manifest.masterRegistry();
        String sharesImplementation = manifest.addressOf(SuiteContract.ROYALTY_SHARES_IMPLEMENTATION);
        String saleImplementation = manifest.addressOf(SuiteContract.SHARE_SALE_IMPLEMENTATION);
        OfferingFactory factory = OfferingFactory.load(manifest.offeringFactory(), web3j, transactions, gas);
        List<Link> links = List.of(
                new Link("factory.registry", registry, factory.registry().send()),
                new Link("factory.authority", registry, factory.authority().send()),
                new Link("factory.sharesImplementation", sharesImplementation, factory.sharesImplementation().send()),
                new Link("factory.saleImplementation", saleImplementation, factory.saleImplementation().send()),
                new Link("sharesImplementation.authority", registry,
                        RoyaltyShares.load(sharesImplementation, web3j, transactions, gas).authority().send()),
                new Link("saleImplementation.authority", registry,
                        ShareSale.load(saleImplementation, web3j, transactions, gas).authority().send()));
        for (Link link : links) {
            if (!link.expected().equalsIgnoreCase(link.actual())) {
                throw new DeploymentFailedException("the suite on chain " + manifest.chainId() + " is miswired: "
                        + link.name() + " is " + link.actual() + ", the manifest says " + link.expected());
            }
        }
    }

    /** An address one contract of the suite holds, and the address the manifest says it should be. */
    private record Link(String name, String expected, String actual) {}

    private void requireCode(DeploymentManifest manifest) throws IOException {
        for (DeployedContract contract : manifest.contracts().values()) {
            requireCode(contract);
        }
    }

    private void requireCode(DeployedContract contract) throws IOException {
        if (!hasCode(contract.address())) {
            throw new DeploymentFailedException("the manifest of chain " + connection.chainId() + " puts "
                    + contract.contract() + " at " + contract.address() + ", but there is no code at that address");
        }
    }

    private boolean hasCode(String address) throws IOException {
        String code = connection.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }

    private String genesisHash() throws IOException {
        return connection.web3j().ethGetBlockByNumber(DefaultBlockParameterName.EARLIEST, false).send()
                .getBlock().getHash().toLowerCase();
    }

    @FunctionalInterface
    private interface Deployment {
        Contract deploy() throws Exception;
    }
}
