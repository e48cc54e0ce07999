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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.cadenza.chain.outbox.ChainTransaction;
import io.cadenza.chain.outbox.SenderPass;
import io.cadenza.chain.outbox.SenderPasses;
import io.cadenza.chain.outbox.TransactionIntent;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Deploys the suite once per chain and records it in the deployment manifest; deploying again is a no-op.
 *
 * <p>Every deployment and role grant is an outbox intent, keyed by the chain (id and genesis hash), the contract and
 * a hash of its creation code with constructor arguments: an interrupted deployment resumes from its intents and
 * nothing is deployed twice, while a contract whose constructor arguments changed (a dependency was deployed again)
 * gets a new key and a new deployment. The manifest is a view of those intents, checked against the chain.
 */
public final class SuiteDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteDeployer.class);

    /** How long one deployment or grant may take to confirm; on a real chain this includes the confirmations. */
    private static final Duration INTENT_TIMEOUT = Duration.ofMinutes(15);

    private final ChainConnection connection;
    private final DeploymentManifestStore store;
    private final ChainConfiguration configuration;
    private final TransactionOutbox outbox;
    private final SenderPasses sender;
    private final AttachedDeployment attached;

    /**
     * @param sender drives the outbox while deploying, before the application's sender loop starts (it starts
     *     once a manifest exists)
     */
    public SuiteDeployer(ChainConnection connection, DeploymentManifestStore store, ChainConfiguration configuration,
            TransactionOutbox outbox, SenderPasses sender) {
        this(connection, store, configuration, outbox, sender, AttachedDeployment.none());
    }

    /** @param attached a suite deployed already, to attach to instead of deploying one (when configured) */
    public SuiteDeployer(ChainConnection connection, DeploymentManifestStore store, ChainConfiguration configuration,
            TransactionOutbox outbox, SenderPasses sender, AttachedDeployment attached) {
        this.attached = attached;
        this.connection = connection;
        this.store = store;
        this.configuration = configuration;
        this.outbox = outbox;
        this.sender = sender;
    }

    /** The manifest of this chain, deploying whatever is missing first. */
    public DeploymentManifest deploy() {
        long chainId = connection.chainId();
        return store.withDeploymentLock(chainId, () -> {
            String genesisHash = connection.genesisHash();
            Map<SuiteContract, DeployedContract> recorded = store.findContracts(chainId, genesisHash);
            if (store.isComplete(chainId, genesisHash)) {
                DeploymentManifest manifest = new DeploymentManifest(chainId, genesisHash, recorded);
                requireCode(manifest);
                requireWiring(manifest);
                if (attached.configured() && !attached.masterRegistry().equalsIgnoreCase(manifest.masterRegistry())) {
                    throw new DeploymentFailedException("cadenza.chain.deployment.master-registry is "
                            + attached.masterRegistry() + ", but this database holds the suite of registry "
                            + manifest.masterRegistry() + " on chain " + chainId);
                }
                LOG.info("suite already deployed on chain {}: registry {}, factory {}", chainId,
                        manifest.masterRegistry(), manifest.offeringFactory());
                return manifest;
            }
            if (attached.configured()) {
                return attach(chainId, genesisHash);
            }
            return deployMissing(chainId, genesisHash);
        });
    }

    /**
     * Records the configured suite as this chain's manifest, deploying nothing: its code, its wiring and the
     * operator's platform roles are checked first, and any of them missing refuses the start, saying what.
     */
    private DeploymentManifest attach(long chainId, String genesisHash) throws Exception {
        if (attached.offeringFactory() == null || attached.block() == null
                || configuration.stablecoinAddress() == null) {
            throw new DeploymentFailedException("attaching to a deployed suite needs cadenza.chain.deployment"
                    + ".master-registry, .offering-factory and .block, and cadenza.chain.stablecoin-address");
        }
        long block = attached.block();
        OfferingFactory factory = OfferingFactory.load(attached.offeringFactory(), connection.web3j(),
                connection.transactionManager(), connection.gasProvider());
        Map<SuiteContract, DeployedContract> contracts = new EnumMap<>(SuiteContract.class);
        contracts.put(SuiteContract.STABLECOIN,
                DeployedContract.external(SuiteContract.STABLECOIN, configuration.stablecoinAddress()));
        contracts.put(SuiteContract.MASTER_REGISTRY,
                DeployedContract.attached(SuiteContract.MASTER_REGISTRY, attached.masterRegistry(), block));
        contracts.put(SuiteContract.OFFERING_FACTORY,
                DeployedContract.attached(SuiteContract.OFFERING_FACTORY, attached.offeringFactory(), block));
        requireCode(contracts.get(SuiteContract.OFFERING_FACTORY));
        contracts.put(SuiteContract.ROYALTY_SHARES_IMPLEMENTATION, DeployedContract.attached(
                SuiteContract.ROYALTY_SHARES_IMPLEMENTATION, factory.sharesImplementation().send(), block));
        contracts.put(SuiteContract.SHARE_SALE_IMPLEMENTATION, DeployedContract.attached(
                SuiteContract.SHARE_SALE_IMPLEMENTATION, factory.saleImplementation().send(), block));
        DeploymentManifest manifest = new DeploymentManifest(chainId, genesisHash, contracts);
        requireCode(manifest);
        requireWiring(manifest);
        String operator = connection.operator().getAddress();
        MasterRegistry registry = MasterRegistry.load(manifest.masterRegistry(), connection.web3j(),
                connection.transactionManager(), connection.gasProvider());
        List<PlatformRole> missing = new ArrayList<>();
        for (PlatformRole role : PlatformRole.values()) {
            if (!registry.hasRole(role.id(), operator).send()) {
                missing.add(role);
            }
        }
        if (!missing.isEmpty()) {
            throw new DeploymentFailedException("the operator " + operator + " lacks " + missing + " on the attached"
                    + " registry " + manifest.masterRegistry() + ": grant them from the registry's admin first");
        }
        for (DeployedContract contract : manifest.contracts().values()) {
            store.saveContract(chainId, genesisHash, contract);
        }
        store.markComplete(chainId, genesisHash, operator);
        LOG.info("attached to the suite on chain {} deployed by block {}: registry {}, factory {}, stablecoin {}",
                chainId, block, manifest.masterRegistry(), manifest.offeringFactory(), manifest.stablecoin());
        return manifest;
    }

    private DeploymentManifest deployMissing(long chainId, String genesisHash) throws Exception {
        DeploymentRun run = new DeploymentRun(chainId, genesisHash);
        String operator = connection.operator().getAddress();

        deployStablecoin(run);
        String registry = run.ensure(SuiteContract.MASTER_REGISTRY, MasterRegistry.BINARY, new Address(operator));
        String sharesImplementation = run.ensure(SuiteContract.ROYALTY_SHARES_IMPLEMENTATION, RoyaltyShares.BINARY,
                new Address(registry));
        String saleImplementation = run.ensure(SuiteContract.SHARE_SALE_IMPLEMENTATION, ShareSale.BINARY,
                new Address(registry));
        run.ensure(SuiteContract.OFFERING_FACTORY, OfferingFactory.BINARY, new Address(registry),
                new Address(sharesImplementation), new Address(saleImplementation), new Address(registry));

        MasterRegistry registryContract = MasterRegistry.load(registry, connection.web3j(),
                connection.transactionManager(), connection.gasProvider());
        for (PlatformRole role : PlatformRole.values()) {
            if (!registryContract.hasRole(role.id(), operator).send()) {
                String calldata = FunctionEncoder.encode(new Function(MasterRegistry.FUNC_GRANTROLE,
                        List.of(new Bytes32(role.id()), new Address(operator)), List.of()));
                run.confirm(new TransactionIntent("grant:" + chainId + ":" + genesisHash + ":" + role + ":" + operator,
                        "MasterRegistry.grantRole " + role, registry, Numeric.hexStringToByteArray(calldata),
                        BigInteger.ZERO, null));
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
        run.ensure(SuiteContract.STABLECOIN, TestStablecoin.BINARY, new Address(connection.operator().getAddress()));
    }

    /** One deployment attempt: the contracts settled so far. */
    private final class DeploymentRun {
        private final long chainId;
        private final String genesisHash;
        private final Map<SuiteContract, DeployedContract> deployed = new EnumMap<>(SuiteContract.class);

        private DeploymentRun(long chainId, String genesisHash) {
            this.chainId = chainId;
            this.genesisHash = genesisHash;
        }

        /** Deploys {@code contract} through the outbox, once for these constructor arguments. Returns its address. */
        String ensure(SuiteContract contract, String creationCode, Type<?>... constructorArguments) throws Exception {
            String calldata = creationCode + FunctionEncoder.encodeConstructor(List.of(constructorArguments));
            String codeHash = Hash.sha3(calldata).substring(2, 18);
            ChainTransaction mined = confirm(new TransactionIntent(
                    "deploy:" + chainId + ":" + genesisHash + ":" + contract + ":" + codeHash, "deploy " + contract,
                    null, Numeric.hexStringToByteArray(calldata), BigInteger.ZERO, null));
            if (mined.contractAddress() == null) {
                throw new DeploymentFailedException("the deployment of " + contract + " created no contract");
            }
            DeployedContract fresh = new DeployedContract(contract, mined.contractAddress(), mined.txHash(),
                    mined.blockNumber());
            requireCode(fresh);
            record(fresh);
            LOG.info("{} is at {} (block {})", contract, fresh.address(), fresh.blockNumber());
            return fresh.address();
        }

        /** Submits the intent (or finds it) and drives the outbox until it is confirmed. */
        ChainTransaction confirm(TransactionIntent intent) throws Exception {
            outbox.submit(intent);
            Instant deadline = Instant.now().plus(INTENT_TIMEOUT);
            while (true) {
                ChainTransaction current = outbox.find(intent.idempotencyKey()).orElseThrow();
                if (current.status() == TransactionStatus.CONFIRMED) {
                    return current;
                }
                if (current.status() == TransactionStatus.FAILED) {
                    throw new DeploymentFailedException(intent.purpose() + " failed: " + current.lastError()
                            + (current.revertReason() == null ? "" : " (" + current.revertReason() + ")"));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new DeploymentFailedException(intent.purpose() + " is not confirmed after " + INTENT_TIMEOUT
                            + "; it stays in the outbox and the next start resumes it");
                }
                SenderPass signed = sender.signPass();
                SenderPass sent = sender.sendPass();
                if (signed.idle() && sent.idle()) {
                    Thread.sleep(configuration.pollInterval());
                }
            }
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


}
