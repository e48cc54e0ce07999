package io.cadenza.chain.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.chain.access.PlatformRole;
import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.contracts.MasterRegistry;
import io.cadenza.chain.contracts.OfferingFactory;
import io.cadenza.chain.contracts.RoyaltyShares;
import io.cadenza.chain.contracts.ShareSale;
import io.cadenza.chain.contracts.TestStablecoin;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The whole life of an offering on a real Hardhat node, through the generated wrappers: deploy the suite, register a
 * master, create an offering, buy with the stablecoin from several wallets, issue a card purchase, transfer,
 * distribute twice, claim, and read every balance and claimable back from the chain.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuiteLifecycleIntegrationTest {
    private static final BigInteger PRICE_PER_SHARE = usd(10);
    private static final BigInteger TOTAL_SHARES = BigInteger.valueOf(1_000);
    private static final long SALE_DURATION_S = 30L * 24 * 3600;

    private DeployedSuite suite;

    @BeforeAll
    void deploy(TestServices services) {
        suite = DeployedSuite.on(services);
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @Test
    void deployingAgainIsANoOpThatReturnsTheSameManifest() throws Exception {
        BigInteger headBefore = suite.connection().blockNumber();
        DeploymentManifest again = suite.deployer().deploy();
        assertThat(again).isEqualTo(suite.manifest());
        assertThat(suite.connection().blockNumber()).isEqualTo(headBefore);
    }

    @Test
    void theOperatorHoldsEveryPlatformRole() throws Exception {
        MasterRegistry registry = as(DeployedSuite.OPERATOR, MasterRegistry::load, suite.manifest().masterRegistry());
        for (PlatformRole role : PlatformRole.values()) {
            assertThat(registry.hasRole(role.id(), DeployedSuite.OPERATOR.address()).send()).as(role.name()).isTrue();
        }
    }

    @Test
    void anOfferingLivesFromCreationToClaims() throws Exception {
        DeploymentManifest manifest = suite.manifest();
        SignerKey operator = DeployedSuite.OPERATOR;
        SignerKey artist = HardhatNode.devAccount(1);
        SignerKey alice = HardhatNode.devAccount(2);
        SignerKey bob = HardhatNode.devAccount(3);
        SignerKey carol = HardhatNode.devAccount(4);
        SignerKey cardBuyer = HardhatNode.devAccount(5);

        MasterRegistry registry = as(operator, MasterRegistry::load, manifest.masterRegistry());
        byte[] isrcHash = Numeric.hexStringToByteArray(Hash.sha3String("US-CDZ-26-" + System.nanoTime()));
        TransactionReceipt registered = registry.register(artist.address(), "bafkreiexamplemetadata", isrcHash).send();
        BigInteger masterId = MasterRegistry.getMasterRegisteredEvents(registered).getFirst().tokenId;
        assertThat(registry.ownerOf(masterId).send()).isEqualToIgnoringCase(artist.address());
        assertThat(registry.tokenURI(masterId).send()).isEqualTo("ipfs://bafkreiexamplemetadata");

        long now = latestBlockTimestamp();
        OfferingFactory factory = as(operator, OfferingFactory::load, manifest.offeringFactory());
        TransactionReceipt created = factory.createOffering(new OfferingFactory.OfferingTerms(masterId, "Midnight Tape",
                "MTAPE", TOTAL_SHARES, manifest.stablecoin(), manifest.stablecoin(), PRICE_PER_SHARE,
                BigInteger.valueOf(now), BigInteger.valueOf(now + SALE_DURATION_S), false)).send();
        OfferingFactory.OfferingCreatedEventResponse offering = OfferingFactory.getOfferingCreatedEvents(created).getFirst();
        assertThat(offering.masterId).isEqualTo(masterId);
        assertThat(offering.treasury).isEqualToIgnoringCase(artist.address());

        buy(alice, offering.sale, 100);
        buy(bob, offering.sale, 50);
        buy(carol, offering.sale, 50);
        ShareSale saleAsAgent = as(operator, ShareSale::load, offering.sale);
        byte[] paymentRef = Numeric.hexStringToByteArray(Hash.sha3String("pi_3QxCardPayment"));
        TransactionReceipt issued = saleAsAgent.issue(cardBuyer.address(), BigInteger.valueOf(40), paymentRef).send();
        ShareSale.SharesIssuedEventResponse issue = ShareSale.getSharesIssuedEvents(issued).getFirst();
        assertThat(issue.paymentRef).isEqualTo(paymentRef);
        assertThat(saleAsAgent.paymentRefUsed(paymentRef).send()).isTrue();

        RoyaltyShares sharesAsAlice = as(alice, RoyaltyShares::load, offering.shares);
        sharesAsAlice.transfer(bob.address(), BigInteger.valueOf(40)).send();

        distribute(offering.shares, usd(1_000)); // 1,000 shares: 1 USD per share
        RoyaltyShares shares = as(operator, RoyaltyShares::load, offering.shares);
        assertThat(shares.claimable(alice.address()).send()).isEqualTo(usd(60));
        assertThat(shares.claimable(bob.address()).send()).isEqualTo(usd(90));

        sharesAsAlice.transfer(carol.address(), BigInteger.valueOf(10)).send();
        distribute(offering.shares, usd(500).add(BigInteger.valueOf(7))); // 0.5 USD per share, 7 units carried

        assertThat(balanceOf(shares, alice)).isEqualTo(50);
        assertThat(balanceOf(shares, bob)).isEqualTo(90);
        assertThat(balanceOf(shares, carol)).isEqualTo(60);
        assertThat(balanceOf(shares, cardBuyer)).isEqualTo(40);
        assertThat(shares.balanceOf(offering.sale).send()).isEqualTo(BigInteger.valueOf(760));
        assertThat(shares.claimable(alice.address()).send()).isEqualTo(usd(60).add(usd(25)));
        assertThat(shares.claimable(bob.address()).send()).isEqualTo(usd(90).add(usd(45)));
        assertThat(shares.claimable(carol.address()).send()).isEqualTo(usd(50).add(usd(30)));
        assertThat(shares.claimable(cardBuyer.address()).send()).isEqualTo(usd(40).add(usd(20)));
        assertThat(shares.carriedRemainder().send()).isEqualTo(BigInteger.valueOf(7));
        assertThat(shares.totalDistributed().send()).isEqualTo(usd(1_500).add(BigInteger.valueOf(7)));

        TestStablecoin stablecoin = as(operator, TestStablecoin::load, manifest.stablecoin());
        BigInteger aliceCashBefore = stablecoin.balanceOf(alice.address()).send();
        TransactionReceipt claimed = sharesAsAlice.claim().send();
        assertThat(RoyaltyShares.getClaimedEvents(claimed).getFirst().amount).isEqualTo(usd(85));
        assertThat(stablecoin.balanceOf(alice.address()).send().subtract(aliceCashBefore)).isEqualTo(usd(85));
        assertThat(shares.claimable(alice.address()).send()).isZero();
        // The proceeds of the stablecoin purchases went straight to the artist's treasury.
        assertThat(stablecoin.balanceOf(artist.address()).send()).isEqualTo(PRICE_PER_SHARE.multiply(BigInteger.valueOf(200)));
        // What is left in the share token is exactly what holders can still claim, plus the carried remainder.
        BigInteger stillClaimable = BigInteger.ZERO;
        for (String holder : new String[] {alice.address(), bob.address(), carol.address(), cardBuyer.address(), offering.sale}) {
            stillClaimable = stillClaimable.add(shares.claimable(holder).send());
        }
        assertThat(stablecoin.balanceOf(offering.shares).send()).isEqualTo(stillClaimable.add(BigInteger.valueOf(7)));
    }

    private void buy(SignerKey buyer, String sale, int shareCount) throws Exception {
        BigInteger cost = PRICE_PER_SHARE.multiply(BigInteger.valueOf(shareCount));
        as(DeployedSuite.OPERATOR, TestStablecoin::load, suite.manifest().stablecoin()).mint(buyer.address(), cost).send();
        as(buyer, TestStablecoin::load, suite.manifest().stablecoin()).approve(sale, cost).send();
        TransactionReceipt bought = as(buyer, ShareSale::load, sale).buy(BigInteger.valueOf(shareCount)).send();
        ShareSale.SharesPurchasedEventResponse purchase = ShareSale.getSharesPurchasedEvents(bought).getFirst();
        assertThat(purchase.buyer).isEqualToIgnoringCase(buyer.address());
        assertThat(purchase.cost).isEqualTo(cost);
    }

    private void distribute(String shares, BigInteger amount) throws Exception {
        SignerKey operator = DeployedSuite.OPERATOR;
        TestStablecoin stablecoin = as(operator, TestStablecoin::load, suite.manifest().stablecoin());
        stablecoin.mint(operator.address(), amount).send();
        stablecoin.approve(shares, amount).send();
        TransactionReceipt distributed = as(operator, RoyaltyShares::load, shares).distribute(amount).send();
        assertThat(RoyaltyShares.getDistributedEvents(distributed).getFirst().amount).isEqualTo(amount);
    }

    private long balanceOf(RoyaltyShares shares, SignerKey holder) throws Exception {
        return shares.balanceOf(holder.address()).send().longValueExact();
    }

    private long latestBlockTimestamp() throws Exception {
        return suite.connection().web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    private <T> T as(SignerKey signer, WrapperLoader<T> loader, String address) {
        ChainConnection connection = suite.connection();
        return loader.load(address, connection.web3j(), connection.transactionManagerFor(signer.credentials()),
                connection.gasProvider());
    }

    private static BigInteger usd(long dollars) {
        return BigInteger.valueOf(dollars).multiply(BigInteger.valueOf(1_000_000));
    }

    @FunctionalInterface
    private interface WrapperLoader<T> {
        T load(String address, org.web3j.protocol.Web3j web3j, org.web3j.tx.TransactionManager transactions,
                org.web3j.tx.gas.ContractGasProvider gas);
    }

}
